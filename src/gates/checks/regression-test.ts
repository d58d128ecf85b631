// regression_test: paired non-inferiority against the version now in the target environment.
// Both versions are judged on the same items (same dataset digest, matched by input), so only
// the items where they disagree carry information: an exact McNemar test and Tango's score
// interval for (candidate − baseline) accuracy. maxDrop is the non-inferiority margin: the
// check passes when the interval's lower bound is above −maxDrop, fails when its upper bound
// is below −maxDrop, and is inconclusive otherwise.
import { decide, mcnemarExact, nonInferiorityMinimumItems, pairedDifference, type PairedCounts } from '../../domain/statistics/index.js'
import { Type } from 'typebox'
import { ALL_ENVIRONMENTS, defineCheck, notApplicable } from '../check.js'
import { accuracyRun } from './accuracy-run.js'
import { combinedOutcome, decisionParams, decisionSettings, decisionsOf, inconclusive, measured, reported, round, shown, type Judged } from './measured.js'
import { CALIBRATED } from '../../domain/statistics/calibrated-defaults.js'

export const regressionTestCheck = defineCheck({
  id: 'regression_test',
  tier: 'automated',
  title: 'Performance regression against the version in the target environment',
  passesWhen: (p) => `paired against the version now in the target environment on the same items (same dataset digest), at least ${p.minItems} distinct of them: the ${100 * (1 - p.alpha)}% Tango score interval of (candidate − baseline) accuracy lies above −${p.maxDrop} (exact McNemar p in details; fails when it lies wholly below; inconclusive, blocking unless onInconclusive is warn, when it straddles or too few items pair); not applicable, with the reason, when there is no baseline or it kept no per-item outcomes`,
  params: Type.Object({
    maxDrop: Type.Number({ exclusiveMinimum: 0, maximum: 1, default: CALIBRATED.regression.maxDrop, description: 'the non-inferiority margin on accuracy (above 0: at 0 no number of items could show a model is no worse)' }),
    minItems: Type.Integer({ minimum: 1, default: CALIBRATED.regression.minDistinctItems, description: 'distinct items paired with the baseline below which the check cannot pass (inconclusive instead); never fewer than the margin needs for an identical model to pass' }),
    ...decisionParams,
  }, { additionalProperties: false }),
  requires: { endpoint: true, dataset: true },
  severity: 'medium',
  environments: ALL_ENVIRONMENTS,
  runner: 'worker',
  async run({ evaluation: ev, params, lookups, promotion }) {
    const { maxDrop } = params
    const settings = decisionSettings(params)
    // A margin an identical model cannot pass below some size raises the minimum to that size.
    const minItems = Math.max(params.minItems, nonInferiorityMinimumItems(maxDrop, settings.alpha))
    const threshold = { maxDrop, minItems, nonInferiority: `lower bound of (candidate − baseline) accuracy > −${maxDrop}`, alpha: settings.alpha }
    return measured(threshold, async () => {
      const run = await accuracyRun(ev)
      const digest = run.dataset.digest
      const baseline = await lookups.baselineOutcomes(digest)
      if ('none' in baseline) return notApplicable(baseline.none, { datasetDigest: digest })
      if ('missing' in baseline) return notApplicable(baseline.missing, { datasetDigest: digest })
      const counts: PairedCounts = { both: 0, candidateOnly: 0, baselineOnly: 0, neither: 0 }
      let unmatched = 0
      for (const [key, ok] of run.outcomes) {
        const before = baseline.outcomes[key]
        if (typeof before !== 'boolean') {
          unmatched++
          continue
        }
        if (ok && before) counts.both++
        else if (ok) counts.candidateOnly++
        else if (before) counts.baselineOnly++
        else counts.neither++
      }
      const interval = pairedDifference(counts, settings.alpha)
      const mcnemar = mcnemarExact(counts)
      const judged: Judged[] = [{ metric: 'accuracyDifference', threshold: -maxDrop, interval, decision: decide({ interval, threshold: -maxDrop, direction: 'atLeast' }) }]
      const n = interval.n
      const candidateAccuracy = n === 0 ? 0 : (counts.both + counts.candidateOnly) / n
      const baselineAccuracy = n === 0 ? 0 : (counts.both + counts.baselineOnly) / n
      const common = {
        measured: {
          accuracyDifference: reported(interval),
          candidateAccuracy: round(candidateAccuracy),
          baselineAccuracy: round(baselineAccuracy),
          discordant: { candidateOnly: counts.candidateOnly, baselineOnly: counts.baselineOnly },
          mcnemarExactP: round(mcnemar.pValue, 6),
          decision: decisionsOf(judged),
        },
        threshold,
        details: { baselineVersion: baseline.version, baselinePromotion: baseline.promotionId, datasetDigest: digest, target: promotion.targetEnvironment, pairs: counts, unmatchedItems: unmatched, decision: judged[0]!.decision },
      }
      const against = `${baseline.version} in ${promotion.targetEnvironment}`
      const outcome = combinedOutcome(judged)
      // Too few paired items: a drop already shown fails, but nothing passes. Said as such, so the
      // remedy reads "a larger dataset", not "the model may have regressed".
      if (n < minItems && outcome !== 'fail') {
        const undecided = inconclusive(settings, judged, common)
        return {
          ...undecided,
          summary: `inconclusive: ${n} distinct items pair with ${against}; regression is judged on at least ${minItems} (difference ${shown(interval)}; at maxDrop ${maxDrop} an identical model passes only from ${nonInferiorityMinimumItems(maxDrop, settings.alpha)} items on)`,
          remedy: `evaluate on a dataset with at least ${minItems} distinct inputs, or lower minItems in the policy (never below what maxDrop needs)`,
          details: { ...undecided.details, minItems },
        }
      }
      if (outcome === 'pass') return { status: 'passed', ...common, summary: `accuracy ${round(baselineAccuracy, 3)} → ${round(candidateAccuracy, 3)} against ${against}: difference ${shown(interval)} stays above −${maxDrop}` }
      if (outcome === 'inconclusive') return inconclusive(settings, judged, common)
      return {
        status: 'failed', ...common,
        summary: `regressed against ${against}: accuracy ${round(baselineAccuracy, 3)} → ${round(candidateAccuracy, 3)}, difference ${shown(interval)} is wholly below −${maxDrop} (${counts.baselineOnly} items newly wrong, ${counts.candidateOnly} newly right; exact McNemar p ${mcnemar.pValue < 0.0001 ? '< 0.0001' : `= ${round(mcnemar.pValue, 4)}`})`,
        remedy: 'find what lowered the metrics (data, features, hyperparameters) on the newly wrong items, or accept the trade-off explicitly by changing the policy',
      }
    }, settings)
  },
})
