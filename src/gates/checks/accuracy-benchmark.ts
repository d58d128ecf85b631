// accuracy_benchmark: the model's accuracy on the promotion's evaluation dataset, measured by
// calling its endpoint (never a number CI reports), over distinct inputs, with a Wilson
// interval: it passes only when the interval's lower bound clears the threshold. Classifiers
// also report macro-F1 and the confusion matrix. The per-item outcomes are stored, so a later
// promotion can be compared with this one item by item.
import { decide, wilsonInterval } from '../../domain/statistics/index.js'
import { countCorrect } from '../../evaluation/metrics/item-outcomes.js'
import { Type } from 'typebox'
import { ALL_ENVIRONMENTS, defineCheck, type FailingCase } from '../check.js'
import { accuracyRun } from './accuracy-run.js'
import { combinedOutcome, decisionParams, decisionSettings, decisionsOf, inconclusive, measured, rateBoundsAt, reported, round, shown, type Judged } from './measured.js'
import { CALIBRATED } from '../../domain/statistics/calibrated-defaults.js'

const MAX_CASES = 50

export const accuracyBenchmarkCheck = defineCheck({
  id: 'accuracy_benchmark',
  tier: 'automated',
  title: 'Accuracy on the evaluation dataset',
  passesWhen: (p) => `the ${100 * (1 - p.alpha)}% Wilson interval of accuracy over the distinct inputs of the evaluation dataset lies above ${p.minAccuracy}, measured by calling the endpoint (fails when it lies wholly below; inconclusive, blocking unless onInconclusive is warn, when it straddles; macro-F1 and the confusion matrix in details; for chat models, the share of answers containing the expected text)`,
  params: Type.Object({
    minAccuracy: Type.Number({ minimum: 0, maximum: 1, default: CALIBRATED.accuracy.threshold }),
    ...decisionParams,
  }, { additionalProperties: false }),
  requires: { endpoint: true, dataset: true },
  severity: 'high',
  environments: ALL_ENVIRONMENTS,
  runner: 'worker',
  async run({ evaluation: ev, params }) {
    const { minAccuracy } = params
    const settings = decisionSettings(params)
    const threshold = { minAccuracy, alpha: settings.alpha }
    return measured(threshold, async () => {
      const run = await accuracyRun(ev)
      const { correct, n } = countCorrect(run.outcomes)
      const interval = wilsonInterval(correct, n, settings.alpha)
      const judged: Judged[] = [{ metric: 'accuracy', threshold: minAccuracy, interval, decision: decide({ interval, threshold: minAccuracy, direction: 'atLeast' }), boundsAt: rateBoundsAt(interval) }]
      const cases: FailingCase[] = []
      run.correct.forEach((ok, i) => {
        if (ok || cases.length >= MAX_CASES) return
        cases.push(ev.modelKind === 'classifier'
          ? { category: 'misclassified', input: JSON.stringify(run.inputs[i]), output: run.outputs[i]!, verdict: `expected ${run.expected[i]}, got ${run.outputs[i]}`, detector: 'label' }
          : { category: 'wrong_answer', input: String(run.inputs[i]), output: run.outputs[i]!, verdict: `does not contain "${run.expected[i]}"`, detector: 'contains-expected' })
      })
      const wrongCount = run.correct.filter((ok) => !ok).length
      const m = run.classification
      const values = { accuracy: round(interval.estimate), ...(m ? { macroF1: round(m.macroF1) } : {}) }
      const details = {
        dataset: run.dataset.name, datasetDigest: run.dataset.digest, records: run.inputs.length, distinctInputs: n, rule: run.rule,
        decision: judged[0]!.decision,
        ...(m ? { macroF1: round(m.macroF1), confusionMatrix: m.confusion, perClass: m.perClass } : {}),
      }
      const common = {
        measured: { accuracy: reported(interval), ...(m ? { macroF1: { estimate: round(m.macroF1), n, method: 'point estimate' } } : {}), decision: decisionsOf(judged) },
        threshold, details, cases,
        failureCounts: wrongCount > 0 ? { [ev.modelKind === 'classifier' ? 'misclassified' : 'wrong_answer']: wrongCount } : {},
        metrics: { datasetDigest: run.dataset.digest, values, itemOutcomes: Object.fromEntries(run.outcomes) },
      }
      const outcome = combinedOutcome(judged)
      if (outcome === 'pass') return { status: 'passed', ...common, summary: `accuracy ${shown(interval)} clears ${minAccuracy}` }
      if (outcome === 'inconclusive') return inconclusive(settings, judged, common)
      return { status: 'failed', ...common, summary: `accuracy ${shown(interval)} is below ${minAccuracy} on ${run.dataset.name} (the whole interval)`, remedy: 'the model underperforms on the evaluation dataset (possible data poisoning or a regression): inspect the misclassified cases and the training data' }
    }, settings)
  },
})
