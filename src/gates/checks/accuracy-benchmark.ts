// accuracy_benchmark: the model's accuracy on the promotion's evaluation dataset, measured by
// calling its endpoint (never a number CI reports). Classifiers: accuracy, macro-F1 and the
// confusion matrix; chat models: share of answers containing the expected text.
import { classificationMetrics } from '../../evaluation/metrics/classification.js'
import { Type } from 'typebox'
import { ALL_ENVIRONMENTS, defineCheck, type FailingCase } from '../check.js'
import { measured, round } from './measured.js'

const MAX_CASES = 50

export const accuracyBenchmarkCheck = defineCheck({
  id: 'accuracy_benchmark',
  tier: 'automated',
  title: 'Accuracy on the evaluation dataset',
  passesWhen: (p) => `accuracy on the evaluation dataset ≥ ${p.minAccuracy}, measured by calling the endpoint (macro-F1 and the confusion matrix in details; for chat models, the share of answers containing the expected text)`,
  params: Type.Object({ minAccuracy: Type.Number({ minimum: 0, maximum: 1, default: 0.8 }) }, { additionalProperties: false }),
  requires: { endpoint: true, dataset: true },
  severity: 'high',
  environments: ALL_ENVIRONMENTS,
  runner: 'worker',
  async run({ evaluation: ev, params: { minAccuracy } }) {
    const threshold = { minAccuracy }
    return measured(threshold, async () => {
      let accuracy: number
      let values: Record<string, number>
      let details: Record<string, unknown>
      const cases: FailingCase[] = []
      let wrong = 0
      let digest: string
      if (ev.modelKind === 'classifier') {
        const run = await ev.classifierRun()
        const m = classificationMetrics(run.actual, run.predicted)
        accuracy = m.accuracy
        values = { accuracy: round(m.accuracy), macroF1: round(m.macroF1) }
        details = { dataset: run.dataset.name, datasetDigest: run.dataset.digest, n: m.n, macroF1: round(m.macroF1), confusionMatrix: m.confusion, perClass: m.perClass }
        run.actual.forEach((a, i) => {
          if (a !== run.predicted[i]) wrong++
          if (a !== run.predicted[i] && cases.length < MAX_CASES) cases.push({ category: 'misclassified', input: JSON.stringify(run.inputs[i]), output: run.predicted[i]!, verdict: `expected ${a}, got ${run.predicted[i]}`, detector: 'label' })
        })
        digest = run.dataset.digest
      } else {
        const run = await ev.qaRun()
        const right = run.dataset.records.map((r, i) => run.outputs[i]!.toLowerCase().includes(String(r.expected).toLowerCase()))
        accuracy = right.filter(Boolean).length / Math.max(1, right.length)
        values = { accuracy: round(accuracy) }
        details = { dataset: run.dataset.name, datasetDigest: run.dataset.digest, n: right.length, rule: 'an answer is right when it contains the expected text, case-insensitive' }
        wrong = right.filter((ok) => !ok).length
        right.forEach((ok, i) => {
          if (!ok && cases.length < MAX_CASES) cases.push({ category: 'wrong_answer', input: String(run.dataset.records[i]!.input), output: run.outputs[i]!, verdict: `does not contain "${run.dataset.records[i]!.expected}"`, detector: 'contains-expected' })
        })
        digest = run.dataset.digest
      }
      const measuredValues = { accuracy: round(accuracy), ...values }
      const failureCounts = wrong > 0 ? { [ev.modelKind === 'classifier' ? 'misclassified' : 'wrong_answer']: wrong } : {}
      const common = { measured: measuredValues, threshold, details, cases, failureCounts, metrics: { datasetDigest: digest, values } }
      if (accuracy >= minAccuracy) return { status: 'passed', ...common, summary: `accuracy ${round(accuracy, 3)} ≥ ${minAccuracy}` }
      return { status: 'failed', ...common, summary: `accuracy ${round(accuracy, 3)} is below ${minAccuracy} on ${details.dataset}`, remedy: 'the model underperforms on the evaluation dataset (possible data poisoning or a regression): inspect the misclassified cases and the training data' }
    })
  },
})
