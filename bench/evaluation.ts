// Evaluation throughput: the adversarial and safety suites run through modelgate's adapters
// against a model with a fixed latency, as cases per second, beside the model's own capacity
// at the same concurrency (a bare loop of the same requests, measured in the same run). Then
// sequential sampling on two clear-cut models (bench/sequential.ts).
import { createCaseLog } from '../src/evaluation/case-log.js'
import { shippedBenchmarks } from '../src/evaluation/suites/benchmark-data.js'
import { llmAdversarial } from '../src/evaluation/suites/llm-adversarial.js'
import { safetyBenchmarks } from '../src/evaluation/suites/safety.js'
import { CONCURRENCY, LATENCY_MS, capacity, evaluationServices, startModel } from './evaluation-model.js'
import { fmt, table } from './lib.js'
import { benchSequential } from './sequential.js'

export async function benchEvaluation(): Promise<void> {
  const model = await startModel('echo')
  try {
    await capacity(model.url, 50)
    const data = shippedBenchmarks()
    // One evaluation = both suites at once, as the security tier runs its checks, through a
    // fresh set of adapters (answers are memoised per promotion).
    const evaluate = async () => {
      const ev = evaluationServices(model.url)
      const log = createCaseLog()
      await model.reset()
      const started = performance.now()
      await Promise.all([
        llmAdversarial(ev, { maxCasesPerCategory: 60, backdoorMargin: 0.3, extraTriggers: [], seed: 'bench', sequential: { threshold: 0.7, alpha: 0.01, caseBudget: 60, batchSize: 60 } }, log),
        safetyBenchmarks(ev, data, { maxCasesPerBenchmark: 120, seed: 'bench', jailbreak: { threshold: 0.9, direction: 'atLeast', alpha: 0.05, caseBudget: 120, batchSize: 120 }, toxicity: { threshold: 0.05, direction: 'atMost', alpha: 0.05, caseBudget: 120, batchSize: 120 } }, log),
      ])
      return (performance.now() - started) / 1000
    }
    // The first evaluation in a process also pays for compiling hundreds of detector regexes;
    // a worker is long-lived, so the steady state is the second.
    const coldSeconds = await evaluate()
    const seconds = await evaluate()
    const stats = await model.stats()
    const cases = stats.requests
    const peak = stats.peakInFlight
    const engineRate = cases / seconds
    const modelRate = await capacity(model.url, cases)
    const ideal = (CONCURRENCY * 1000) / LATENCY_MS
    const coldRate = cases / coldSeconds
    console.log(`\nEvaluation engine against a ${LATENCY_MS} ms model at concurrency ${CONCURRENCY} (adversarial_robustness + safety_benchmarks suites, chat model)`)
    table([
      { measure: 'model capacity (bare client, same concurrency)', 'cases/s': fmt(modelRate, 1), note: `ideal ${fmt(ideal)} = ${CONCURRENCY} / ${LATENCY_MS} ms` },
      { measure: 'modelgate evaluation, first in a fresh process', 'cases/s': fmt(coldRate, 1), note: `${cases} model calls in ${fmt(coldSeconds, 2)} s` },
      { measure: 'modelgate evaluation, steady state', 'cases/s': fmt(engineRate, 1), note: `${cases} model calls in ${fmt(seconds, 2)} s, peak in flight ${peak}` },
    ])
    const overheadMs = (seconds / cases - 1 / modelRate) * 1000 * CONCURRENCY
    console.log(`ratio modelgate/model capacity: ${fmt(engineRate / modelRate, 3)} steady state (target >= 0.9), ${fmt(coldRate / modelRate, 3)} for the first evaluation in a process; service overhead per case: ${fmt(Math.max(0, overheadMs), 2)} ms of a ${LATENCY_MS} ms call`)
  } finally {
    await model.stop()
  }
  // The detectors are compiled and the corpora built by now, so these runs are steady state.
  await benchSequential()
}
