// Sequential sampling on clear-cut models: a model that refuses everything cleanly and is never
// toxic, and one that complies with everything, leaks its context and insults the user, each
// evaluated by the safety and adversarial suites at the checks' default budgets, alpha and
// batches. Reports the cases each sequentially sampled rate used against its case budget
// (target: at most half on a clear-cut model), the decision, and the evaluation's throughput
// against the same model's own capacity (target: at least 0.9), measured in the same run.
import { CALIBRATED, DEFAULT_ALPHA } from '../src/domain/statistics/calibrated-defaults.js'
import { perCategoryAlpha, type SequentialOutcome } from '../src/domain/statistics/index.js'
import { createCaseLog } from '../src/evaluation/case-log.js'
import { shippedBenchmarks } from '../src/evaluation/suites/benchmark-data.js'
import { llmAdversarial } from '../src/evaluation/suites/llm-adversarial.js'
import { safetyBenchmarks } from '../src/evaluation/suites/safety.js'
import { CONCURRENCY, LATENCY_MS, capacity, evaluationServices, startModel } from './evaluation-model.js'
import { fmt, table } from './lib.js'
import type { ModelBehaviour } from './model-behaviour.js'

const TARGET_RATIO = 0.5
const TARGET_THROUGHPUT = 0.9
const jb = CALIBRATED.jailbreakBlocked
const tox = CALIBRATED.toxicRate
const adv = CALIBRATED.adversarialCategory

interface Row {
  model: ModelBehaviour
  check: string
  casesUsed: number
  /** The budget the plan ran to: the policy's case budget, capped by the corpus. */
  budget: number
  nominal: number
  batchSize: number
  looks: number
  decision: string
}

async function evaluateClearCut(behaviour: ModelBehaviour): Promise<{ rows: Row[]; calls: number; seconds: number; modelRate: number; capacities: number[]; cpuMsPerCall: number; peak: number }> {
  const model = await startModel(behaviour)
  try {
    // Capacity is measured just before and just after the evaluation, and their mean taken: on a
    // shared machine it drifts, and the two bracket the run.
    const before = await capacity(model.url, 200)
    const ev = evaluationServices(model.url)
    const log = createCaseLog()
    await model.reset()
    const cpu = process.cpuUsage()
    const started = performance.now()
    // The checks' defaults: adversarial_robustness corrects alpha across its five categories.
    const [attacks, safety] = await Promise.all([
      llmAdversarial(ev, { maxCasesPerCategory: 60, backdoorMargin: 0.3, extraTriggers: [], seed: 'bench', sequential: { threshold: adv.threshold, alpha: perCategoryAlpha(DEFAULT_ALPHA, adv.categories), caseBudget: adv.caseBudget, batchSize: adv.batchSize } }, log),
      safetyBenchmarks(ev, shippedBenchmarks(), {
        maxCasesPerBenchmark: 120, seed: 'bench',
        jailbreak: { threshold: jb.threshold, direction: jb.direction, alpha: DEFAULT_ALPHA, caseBudget: jb.caseBudget, batchSize: jb.batchSize },
        toxicity: { threshold: tox.threshold, direction: tox.direction, alpha: DEFAULT_ALPHA, caseBudget: tox.caseBudget, batchSize: tox.batchSize },
      }, log),
    ])
    const seconds = (performance.now() - started) / 1000
    const used = process.cpuUsage(cpu)
    const { requests: calls, peakInFlight: peak } = await model.stats()
    const after = await capacity(model.url, calls)
    const modelRate = (before + after) / 2
    const row = (check: string, o: SequentialOutcome, family: { caseBudget: number; batchSize: number }): Row => ({ model: behaviour, check, casesUsed: o.casesUsed, budget: o.budget, nominal: family.caseBudget, batchSize: family.batchSize, looks: o.looks, decision: o.decision.outcome })
    const rows = [
      row('safety_benchmarks / jailbreakBlockedRate', safety.jailbreak.sequential, jb),
      // Judged as the rate of clean answers; a pass means the toxic rate is shown below its bar.
      row('safety_benchmarks / toxicOutputRate', safety.toxicity.sequential, tox),
      ...Object.entries(attacks.categories).filter(([, c]) => c.sequential).map(([k, c]) => row(`adversarial_robustness / ${k}`, c.sequential!, adv)),
    ]
    return { rows, calls, seconds, modelRate, capacities: [before, after], cpuMsPerCall: (used.user + used.system) / 1000 / calls, peak }
  } finally {
    await model.stop()
  }
}

export async function benchSequential(): Promise<void> {
  const expected: Record<ModelBehaviour, string> = { echo: '', safe: 'pass', unsafe: 'fail' }
  const runs = []
  for (const behaviour of ['safe', 'unsafe'] as const) runs.push({ behaviour, ...(await evaluateClearCut(behaviour)) })
  const rows = runs.flatMap((r) => r.rows)
  console.log(`\nSequential sampling vs the full case budget on clear-cut models (default budgets, alpha ${DEFAULT_ALPHA}, ${adv.categories} adversarial categories at alpha ${perCategoryAlpha(DEFAULT_ALPHA, adv.categories)} each; "safe" refuses everything cleanly, "unsafe" complies, leaks and insults)`)
  table(rows.map((r) => ({
    model: r.model,
    'check / category': r.check,
    'cases used': r.casesUsed,
    budget: r.budget === r.nominal ? String(r.budget) : `${r.budget} (corpus; policy ${r.nominal})`,
    ratio: fmt(r.casesUsed / r.budget, 2),
    looks: `${r.looks} of ${Math.max(1, Math.floor(r.budget / r.batchSize))} (batches of ${r.batchSize})`,
    decision: r.decision,
  })))
  const misses = rows.filter((r) => r.casesUsed / r.budget > TARGET_RATIO)
  // A budget under two batches is judged in one look, so it cannot stop early whatever the model.
  const oneLook = [...new Set(misses.filter((r) => r.budget < 2 * r.batchSize).map((r) => `${r.check} (${r.budget} cases, batches of ${r.batchSize})`))]
  const wrong = rows.filter((r) => r.decision !== expected[r.model])
  for (const r of runs) {
    const used = r.rows.reduce((s, x) => s + x.casesUsed, 0)
    const budget = r.rows.reduce((s, x) => s + x.budget, 0)
    const rate = r.calls / r.seconds
    console.log(`${r.behaviour}: ${used} of ${budget} budgeted cases judged (${fmt(used / budget, 2)}); ${r.calls} model calls for both suites in ${fmt(r.seconds, 2)} s = ${fmt(rate, 1)} calls/s vs the model's capacity ${fmt(r.modelRate, 1)} calls/s (mean of ${r.capacities.map((c) => fmt(c, 1)).join(' before and ')} after) at concurrency ${CONCURRENCY} (${LATENCY_MS} ms model): ratio ${fmt(rate / r.modelRate, 3)} (target >= ${TARGET_THROUGHPUT}: ${rate / r.modelRate >= TARGET_THROUGHPUT ? 'pass' : 'miss'}); modelgate CPU ${fmt(r.cpuMsPerCall, 2)} ms per call; peak in flight ${r.peak}`)
  }
  console.log(`cases used <= ${TARGET_RATIO * 100}% of the budget on every sequentially sampled rate: ${misses.length === 0 ? 'pass' : `miss (${misses.map((m) => `${m.model} ${m.check} ${m.casesUsed}/${m.budget}`).join(', ')})`}; decisions as expected (safe passes, unsafe fails): ${wrong.length === 0 ? 'yes' : `no (${wrong.map((w) => `${w.model} ${w.check}: ${w.decision}`).join(', ')})`}`)
  if (oneLook.length > 0) console.log(`judged in a single look because the shipped corpus holds fewer cases than two batches: ${oneLook.join(', ')}`)
}
