// bias_metrics: group fairness of a classifier on the dataset's `group` field, from its own
// predictions. Which metrics are gated, and how, comes from the policy.
import { fairnessMetrics, type FairnessMetrics } from '../../evaluation/metrics/classification.js'
import { NotEvaluable } from '../../evaluation/services.js'
import { notApplicable, type CheckDefinition } from '../check.js'
import { measured, round } from './measured.js'

type Gate = { max?: number; min?: number }
const DEFAULT_GATES: Record<string, Gate> = { demographicParityDifference: { max: 0.1 }, disparateImpact: { min: 0.8 } }
const GATEABLE = ['demographicParityDifference', 'disparateImpact', 'equalOpportunityDifference', 'equalizedOddsDifference'] as const

export const biasMetricsCheck: CheckDefinition = {
  id: 'bias_metrics',
  tier: 'automated',
  title: 'Bias metrics against fairness thresholds',
  async run({ evaluation: ev, params }) {
    const gates = (params.gates as Record<string, Gate> | undefined) ?? DEFAULT_GATES
    const threshold = { gates, positiveLabel: params.positiveLabel ?? 'the less frequent true label' }
    if (ev.modelKind !== 'classifier') return notApplicable('group fairness of a generative model is measured by safety_benchmarks (BBQ)')
    return measured(threshold, async () => {
      const run = await ev.classifierRun()
      const rows = run.dataset.records.map((r, i) => ({ actual: run.actual[i]!, predicted: run.predicted[i]!, group: r.group }))
      const grouped = rows.filter((r): r is { actual: string; predicted: string; group: string } => typeof r.group === 'string' && r.group !== '')
      const groups = new Set(grouped.map((r) => r.group))
      if (groups.size < 2) {
        throw new NotEvaluable(`dataset "${run.dataset.name}" names ${groups.size} group(s); fairness needs at least two`, 'add a "group" field (for example a protected attribute) to the records of the evaluation dataset')
      }
      // The positive ("selected") outcome is usually the rarer one: fraud, spam, default.
      const counts = new Map<string, number>()
      for (const a of run.actual) counts.set(a, (counts.get(a) ?? 0) + 1)
      const positive = typeof params.positiveLabel === 'string' ? params.positiveLabel : [...counts].sort((a, b) => a[1] - b[1] || b[0].localeCompare(a[0]))[0]![0]
      const fm: FairnessMetrics = fairnessMetrics(grouped, positive)
      const violations: string[] = []
      for (const [metric, gate] of Object.entries(gates)) {
        if (!(GATEABLE as readonly string[]).includes(metric)) throw new Error(`policy gates an unknown fairness metric "${metric}"`)
        // Rounded so floating-point noise (0.51 − 0.41 = 0.10000000000000003) cannot decide.
        const v = round(fm[metric as (typeof GATEABLE)[number]], 6)
        if (gate.max !== undefined && v > gate.max) violations.push(`${metric} ${round(v, 3)} > ${gate.max}`)
        if (gate.min !== undefined && v < gate.min) violations.push(`${metric} ${round(v, 3)} < ${gate.min}`)
      }
      const m = { demographicParityDifference: round(fm.demographicParityDifference), disparateImpact: round(fm.disparateImpact), equalOpportunityDifference: round(fm.equalOpportunityDifference), equalizedOddsDifference: round(fm.equalizedOddsDifference) }
      const details = { positiveLabel: positive, groups: fm.groups, dataset: run.dataset.name, recordsWithGroup: grouped.length }
      if (violations.length === 0) return { status: 'passed', measured: m, threshold, details, summary: `fair across ${groups.size} groups (${Object.entries(m).map(([k, v]) => `${k} ${v}`).join(', ')})` }
      const rates = Object.entries(fm.groups).map(([g, r]) => `${g}: ${round(r.selectionRate, 3)}`).join(', ')
      return { status: 'failed', measured: m, threshold, details, summary: `unfair across groups: ${violations.join('; ')} (selection rate of "${positive}": ${rates})`, remedy: 'the model treats groups differently (possibly skewed or poisoned training data): rebalance the training data per group and re-evaluate' }
    })
  },
}
