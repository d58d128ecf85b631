// One pass of the model over the evaluation dataset, as right-or-wrong per distinct input:
// what accuracy_benchmark measures and stores, and what regression_test pairs with the
// baseline's stored outcomes. The run itself is memoised by the evaluation services.
import { classificationMetrics, type ClassificationMetrics } from '../../evaluation/metrics/classification.js'
import { distinctOutcomes } from '../../evaluation/metrics/item-outcomes.js'
import type { EvaluationDataset, EvaluationServices } from '../../evaluation/services.js'

export interface AccuracyRun {
  dataset: EvaluationDataset
  /** Every record (duplicates included), in dataset order. */
  inputs: unknown[]
  correct: boolean[]
  outputs: string[]
  expected: string[]
  /** Right or wrong per distinct input (sha256 of its canonical JSON). */
  outcomes: Map<string, boolean>
  classification?: ClassificationMetrics
  rule: string
}

export async function accuracyRun(ev: EvaluationServices): Promise<AccuracyRun> {
  if (ev.modelKind === 'classifier') {
    const run = await ev.classifierRun()
    const correct = run.actual.map((a, i) => a === run.predicted[i])
    return {
      dataset: run.dataset, inputs: run.inputs, correct, outputs: run.predicted, expected: run.actual,
      outcomes: distinctOutcomes(run.inputs, correct), classification: classificationMetrics(run.actual, run.predicted),
      rule: 'a prediction is right when it equals the label',
    }
  }
  const run = await ev.qaRun()
  const expected = run.dataset.records.map((r) => String(r.expected))
  const correct = run.outputs.map((o, i) => o.toLowerCase().includes(expected[i]!.toLowerCase()))
  const inputs = run.dataset.records.map((r) => r.input)
  return { dataset: run.dataset, inputs, correct, outputs: run.outputs, expected, outcomes: distinctOutcomes(inputs, correct), rule: 'an answer is right when it contains the expected text, case-insensitive' }
}
