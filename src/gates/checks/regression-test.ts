// regression_test: no metric may drop by more than the policy allows below the version now in
// the target environment, measured on the same dataset (same digest).
import { classificationMetrics } from '../../evaluation/metrics/classification.js'
import { Type } from 'typebox'
import type { EvaluationServices } from '../../evaluation/services.js'
import { ALL_ENVIRONMENTS, defineCheck, notApplicable } from '../check.js'
import { measured, round } from './measured.js'

/** The metrics compared between versions, on the dataset's digest: the same for any endpoint. */
export async function regressionMetrics(ev: EvaluationServices): Promise<{ metrics: Record<string, number>; digest: string }> {
  if (ev.modelKind === 'classifier') {
    const run = await ev.classifierRun()
    const m = classificationMetrics(run.actual, run.predicted)
    return { metrics: { accuracy: round(m.accuracy), macroF1: round(m.macroF1) }, digest: run.dataset.digest }
  }
  const run = await ev.qaRun()
  const right = run.dataset.records.filter((r, i) => run.outputs[i]!.toLowerCase().includes(String(r.expected).toLowerCase())).length
  return { metrics: { accuracy: round(right / Math.max(1, run.dataset.records.length)) }, digest: run.dataset.digest }
}

export const regressionTestCheck = defineCheck({
  id: 'regression_test',
  tier: 'automated',
  title: 'Performance regression against the version in the target environment',
  passesWhen: (p) => `no metric drops more than ${p.maxDrop} below the version now in the target environment, on the same dataset digest; not applicable, with the reason, when there is none`,
  params: Type.Object({ maxDrop: Type.Number({ minimum: 0, maximum: 1, default: 0.01 }) }, { additionalProperties: false }),
  requires: { endpoint: true, dataset: true },
  severity: 'medium',
  environments: ALL_ENVIRONMENTS,
  runner: 'worker',
  async run({ evaluation: ev, params: { maxDrop }, lookups, promotion }) {
    const threshold = { maxDrop }
    return measured(threshold, async () => {
      const { metrics: current, digest } = await regressionMetrics(ev)
      const baseline = await lookups.baselineMetrics(digest)
      if ('none' in baseline) return notApplicable(baseline.none, { current, datasetDigest: digest })
      const compared = Object.entries(baseline.metrics)
        .filter(([k]) => k in current)
        .map(([metric, before]) => ({ metric, baseline: before, current: current[metric]!, drop: round(before - current[metric]!) }))
      const regressions = compared.filter((c) => c.drop > maxDrop)
      const measuredValues = Object.fromEntries(compared.map((c) => [c.metric, { baseline: c.baseline, current: c.current, drop: c.drop }]))
      const details = { baselineVersion: baseline.version, baselinePromotion: baseline.promotionId, datasetDigest: digest, target: promotion.targetEnvironment }
      if (regressions.length === 0) return { status: 'passed', measured: measuredValues, threshold, details, summary: `no metric dropped more than ${maxDrop} below ${baseline.version}` }
      return {
        status: 'failed', measured: measuredValues, threshold, details,
        summary: `regressed against ${baseline.version} in ${promotion.targetEnvironment}: ${regressions.map((r) => `${r.metric} ${r.baseline} → ${r.current} (−${r.drop})`).join(', ')}`,
        remedy: 'find what lowered the metrics (data, features, hyperparameters) or accept the trade-off explicitly by changing the policy',
      }
    })
  },
})
