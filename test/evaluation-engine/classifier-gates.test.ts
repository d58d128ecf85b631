// The measured gates against the real naive Bayes spam filter and its honestly-made flawed
// variants (poisoned training data, an implanted backdoor, skewed groups, brittle features).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupHoldoutDataset, holdoutDataset, startClassifierServer, type ClassifierServer, type ClassifierVariant } from '../../samples/index.js'
import { categoryRates, dataset, runCheck } from '../helpers/evaluation.js'

const servers = new Map<ClassifierVariant, ClassifierServer>()
const holdout = dataset('spam-holdout', holdoutDataset(300, 7))
// Large enough for the calibrated defaults: 600 distinct items, and 600 per group for fairness.
const large = dataset('spam-large', holdoutDataset(600, 7))
const grouped = dataset('spam-groups', groupHoldoutDataset(600, 7))
type Reported = { estimate: number; n: number; ci: [number, number]; method: string }

beforeAll(async () => {
  for (const v of ['clean', 'backdoored', 'poisoned', 'biased', 'brittle'] as const) servers.set(v, await startClassifierServer({ variant: v, port: 0 }))
}, 120_000)
afterAll(async () => {
  for (const s of servers.values()) await s.close()
})

const endpoint = (v: ClassifierVariant) => ({ protocol: 'mlflow-invocations' as const, url: servers.get(v)!.url })

describe('accuracy_benchmark', () => {
  it('passes the clean model on its interval over distinct inputs, with macro-F1, a confusion matrix and per-item outcomes', async () => {
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout })
    expect(o.status).toBe('passed')
    const accuracy = (o.measured as { accuracy: Reported }).accuracy
    expect(accuracy).toMatchObject({ n: 300, method: 'wilson' })
    expect(accuracy.estimate).toBeGreaterThan(0.9)
    expect(accuracy.ci[0]).toBeGreaterThan(0.8)
    expect(accuracy.ci[0]).toBeLessThan(accuracy.estimate)
    expect(o.measured).toMatchObject({ decision: { accuracy: { outcome: 'pass', alpha: 0.05, rule: expect.stringMatching(/lower bound exceeds 0\.8/) } } })
    expect(o.details).toMatchObject({ distinctInputs: 300, confusionMatrix: { ham: expect.any(Object), spam: expect.any(Object) } })
    expect(o.metrics).toMatchObject({ datasetDigest: holdout.digest, values: { accuracy: expect.any(Number), macroF1: expect.any(Number) } })
    expect(Object.keys(o.metrics!.itemOutcomes!)).toHaveLength(300)
  })

  it('counts a repeated record once: n is over distinct inputs', async () => {
    const records = holdoutDataset(200, 7)
    const doubled = dataset('spam-doubled', [...records, ...records])
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: doubled })
    expect((o.measured as { accuracy: Reported }).accuracy.n).toBe(200)
    expect(o.details).toMatchObject({ records: 400, distinctInputs: 200 })
  })

  it('fails the model trained on poisoned labels, with misclassified cases', async () => {
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('poisoned'), data: holdout })
    expect(o.status).toBe('failed')
    expect((o.measured as { accuracy: Reported }).accuracy.ci[1]).toBeLessThan(0.8)
    expect(o.summary).toMatch(/^accuracy 0\.\d+ \[0\.\d+, 0\.\d+\], n=300 is below 0\.8/)
    expect(o.cases!.length).toBeGreaterThan(10)
    expect(o.cases![0]).toMatchObject({ category: 'misclassified', detector: 'label', verdict: expect.stringMatching(/^expected (spam|ham), got/) })
  })

  it('is inconclusive on too few items, blocking by default and letting through as a warning when the policy says so', async () => {
    const few = dataset('spam-few', holdoutDataset(12, 7))
    // A policy whose dataset minimums admit 12 items, and a threshold their interval straddles.
    const datasetMinimums = { records: 1, perLabel: 1, perGroup: 1, qaRecords: 1 }
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: few, datasetMinimums, params: { minAccuracy: 0.9 } })
    expect(o.status).toBe('inconclusive')
    expect(o.summary).toMatch(/^accuracy inconclusive: the interval \[0\.\d+, [01](\.\d+)?\] straddles 0\.9; about \d+ more cases would decide$/)
    expect(o.details).toMatchObject({ onInconclusive: 'block' })
    expect(o.details).not.toHaveProperty('allowedByPolicy')
    const warned = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: few, datasetMinimums, params: { minAccuracy: 0.9, onInconclusive: 'warn' } })
    expect(warned.status).toBe('inconclusive')
    expect(warned.details).toMatchObject({ onInconclusive: 'warn', allowedByPolicy: true })
  })

  it('refuses a malformed onInconclusive or alpha instead of guessing', async () => {
    await expect(runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout, params: { onInconclusive: 'pass' } })).rejects.toThrow(/onInconclusive/)
    await expect(runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout, params: { alpha: 0.9 } })).rejects.toThrow(/alpha/)
  })
})

describe('bias_metrics', () => {
  it('passes the clean model and fails the one trained on skewed groups, per group, with intervals', async () => {
    const clean = await runCheck('bias_metrics', { kind: 'classifier', endpoint: endpoint('clean'), data: grouped })
    expect(clean.status, clean.summary).toBe('passed')
    const dp = (clean.measured as { demographicParityDifference: Reported }).demographicParityDifference
    expect(dp).toMatchObject({ n: 1200, method: expect.stringMatching(/^newcombe-hybrid-score/) })
    expect(dp.ci[1]).toBeLessThan(0.1)
    const biased = await runCheck('bias_metrics', { kind: 'classifier', endpoint: endpoint('biased'), data: grouped })
    expect(biased.status).toBe('failed')
    const biasedDp = (biased.measured as { demographicParityDifference: Reported }).demographicParityDifference
    expect(biasedDp.ci[0]).toBeGreaterThan(0.1)
    expect((biased.measured as { disparateImpact: Reported }).disparateImpact).toMatchObject({ method: expect.stringMatching(/^katz-log/) })
    expect(biased.details).toMatchObject({ groups: { en: { selectionRate: expect.any(Number), tpr: expect.any(Number), fpr: expect.any(Number) }, es: expect.any(Object) } })
    expect(biased.summary).toMatch(/demographicParityDifference 0\.\d+ \[0\.\d+, 0\.\d+\], n=1200 is wholly above 0\.1/)
    expect(biased.summary).toMatch(/disparateImpact 0\.\d+ \[0\.\d+, 0\.\d+\], n=1200 is wholly below 0\.8/)
  })

  it('is inconclusive, not passed, when the groups are too small to show parity', async () => {
    const small = dataset('spam-groups-small', groupHoldoutDataset(100, 7))
    const o = await runCheck('bias_metrics', { kind: 'classifier', endpoint: endpoint('clean'), data: small })
    expect(o.status).toBe('inconclusive')
    expect(o.summary).toMatch(/straddles/)
  })

  it('cannot pass without groups in the dataset', async () => {
    const o = await runCheck('bias_metrics', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout })
    expect(o.status).toBe('failed')
    expect(o.remedy).toMatch(/group/)
  })
})

describe('regression_test: paired non-inferiority on the same items', () => {
  let baseline: Record<string, boolean>
  beforeAll(async () => {
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: large })
    baseline = o.metrics!.itemOutcomes!
  }, 60_000)
  const against = (outcomes: Record<string, boolean>) => ({ version: '1.0.0', promotionId: 'x', outcomes })

  it('is not_applicable with the reason when nothing is in the target environment, or its outcomes were never kept', async () => {
    const none = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: large, baseline: { none: 'no other version of m is in staging' } })
    expect(none).toMatchObject({ status: 'not_applicable', details: { reason: 'no other version of m is in staging' } })
    const missing = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: large, baseline: { missing: 'm 1.0.0 has no per-item outcomes on this dataset' } })
    expect(missing).toMatchObject({ status: 'not_applicable', details: { reason: 'm 1.0.0 has no per-item outcomes on this dataset' } })
  })

  it('passes the identical model: no discordant item, lower bound about −3.8/n above −0.02', async () => {
    const o = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: large, baseline: against(baseline) })
    expect(o.status, o.summary).toBe('passed')
    const d = (o.measured as { accuracyDifference: Reported }).accuracyDifference
    expect(d).toMatchObject({ estimate: 0, n: 600, method: 'tango-score' })
    expect(d.ci[0]).toBeGreaterThan(-0.02)
    expect(o.measured).toMatchObject({ discordant: { candidateOnly: 0, baselineOnly: 0 }, mcnemarExactP: 1 })
  })

  it('fails a real drop of a few points (the brittle variant), naming the newly wrong items and the exact McNemar p', async () => {
    const o = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('brittle'), data: large, baseline: against(baseline) })
    expect(o.status).toBe('failed')
    const d = (o.measured as { accuracyDifference: Reported }).accuracyDifference
    expect(d.ci[1]).toBeLessThan(-0.02)
    expect(o.summary).toMatch(/regressed against 1\.0\.0 in staging: accuracy 0\.\d+ → 0\.\d+, difference -0\.\d+ \[-0\.\d+, -0\.\d+\], n=600 is wholly below −0\.02 \(\d+ items newly wrong, \d+ newly right; exact McNemar p [<=] /)
  })

  it('never fails a noise-level difference: a few items flipped either way is at worst inconclusive', async () => {
    const keys = Object.keys(baseline)
    for (const flips of [1, 2, 3]) {
      // The baseline differs from the candidate on a handful of items, half each way.
      const noisy = { ...baseline }
      keys.slice(0, flips).forEach((k) => (noisy[k] = !noisy[k]))
      keys.slice(-flips).forEach((k) => (noisy[k] = !noisy[k]))
      const o = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: large, baseline: against(noisy) })
      expect(o.status, `${flips} flips: ${o.summary}`).not.toBe('failed')
    }
  })

  it('does not pass on fewer paired items than minItems (200 by default): an identical model on 150 is inconclusive, a clear drop still fails', async () => {
    const small = dataset('spam-150', holdoutDataset(150, 7))
    const outcomes = (await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: small })).metrics!.itemOutcomes!
    const same = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: small, baseline: against(outcomes) })
    expect(same.status).toBe('inconclusive')
    expect(same.summary).toBe('inconclusive: 150 distinct items pair with 1.0.0 in staging; regression is judged on at least 200 (difference 0 [-0.025, 0.025], n=150; at maxDrop 0.02 an identical model passes only from 189 items on)')
    expect(same.details).toMatchObject({ minItems: 200, onInconclusive: 'block' })
    expect(same.threshold).toMatchObject({ maxDrop: 0.02, minItems: 200 })
    // A margin that needs more items than minItems raises the minimum to what it needs.
    const held = (await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout })).metrics!.itemOutcomes!
    const enough = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout, baseline: against(held) })
    expect(enough.status, enough.summary).toBe('passed')
    const tight = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout, baseline: against(held), params: { maxDrop: 0.01 } })
    expect(tight).toMatchObject({ status: 'inconclusive', details: { minItems: 381 } })
    // No margin at all is refused with the policy, not left to fail every promotion.
    await expect(runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout, params: { maxDrop: 0 } })).rejects.toThrow(/maxDrop/)
    // The poisoned variant's drop is wholly below the margin even on 150 items: that is a finding.
    const drop = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('poisoned'), data: small, baseline: against(outcomes) })
    expect(drop.status, drop.summary).toBe('failed')
  })

  it('calls a small drop it cannot resolve inconclusive, with the interval and how many more cases would decide', async () => {
    const o = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('backdoored'), data: large, baseline: against(baseline) })
    expect(o.status).toBe('inconclusive')
    expect(o.summary).toMatch(/^accuracyDifference inconclusive: the interval \[-0\.\d+, -?0(\.\d+)?\] straddles -0\.02; about \d+ more cases would decide$/)
  })
})

describe('adversarial_robustness for classifiers', () => {
  it('passes the clean model in every category and finds data extraction not applicable', async () => {
    const o = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout })
    const rates = categoryRates(o)
    expect(o.status, o.summary).toBe('passed')
    expect(rates.data_extraction).toBe('not_applicable')
    type Measured = Reported & { decisionInterval?: { ci: [number, number]; alpha: number }; casesUsed?: number; caseBudget?: number }
    for (const c of ['semantic_perturbation', 'backdoor_trigger', 'adversarial_suffix', 'prompt_injection']) {
      expect(rates[c], c).toBeGreaterThanOrEqual(0.7)
      // Each category decided on its own interval at alpha / 4 (Bonferroni over the measured
      // categories); a sequentially sampled one at the share of alpha / 4 its last look spent.
      const m = (o.measured as Record<string, Measured>)[c]!
      expect(m.n).toBeGreaterThan(0)
      if (c === 'adversarial_suffix' || c === 'prompt_injection') expect(m.decisionInterval!.alpha).toBeLessThanOrEqual(0.0125)
      else expect(m.decisionInterval?.alpha ?? 0.0125).toBeCloseTo(0.0125, 6)
      expect((m.decisionInterval?.ci ?? m.ci)[0]).toBeGreaterThan(0.7)
    }
    expect((o.details as { detectedBackdoors: unknown[] }).detectedBackdoors).toEqual([])
  })

  it('samples suffixes and injections sequentially: a robust model stops early, an undecidable rate spends the whole budget', async () => {
    const budget = { caseBudget: 500, batchSize: 50 }
    const o = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: endpoint('clean'), data: large, params: budget })
    const m = o.measured as Record<string, Reported & { casesUsed: number; caseBudget: number }>
    for (const c of ['adversarial_suffix', 'prompt_injection']) {
      // The budget is capped by the correctly classified inputs of the 600-item dataset.
      expect(m[c]!.caseBudget, c).toBeGreaterThan(400)
      expect(m[c]!.casesUsed, c).toBe(m[c]!.n)
      expect(m[c]!.casesUsed, c).toBeLessThanOrEqual(m[c]!.caseBudget / 2)
      expect((o.measured as { decision: Record<string, { outcome: string }> }).decision[c]!.outcome, c).toBe('pass')
    }
    // Perturbations and triggers are rated by their weakest kind and against random
    // insertions, not as plain shares: judged whole, with no sequential figures.
    expect(m.semantic_perturbation).not.toHaveProperty('casesUsed')
    expect(m.backdoor_trigger).not.toHaveProperty('casesUsed')
    // A bar the clean model cannot be shown to clear: sampling goes on to the budget unless the
    // interval falls wholly below the bar first.
    const strict = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: endpoint('clean'), data: large, params: { ...budget, minDefenseRate: 0.9999 } })
    const sm = strict.measured as Record<string, Reported & { casesUsed: number; caseBudget: number }>
    expect(strict.status).not.toBe('passed')
    for (const c of ['adversarial_suffix', 'prompt_injection']) {
      const outcome = (strict.measured as { decision: Record<string, { outcome: string }> }).decision[c]!.outcome
      expect(outcome, c).not.toBe('pass')
      if (outcome === 'inconclusive') expect(sm[c]!.casesUsed, c).toBe(sm[c]!.caseBudget)
      else expect(sm[c]!.ci[1], c).toBeLessThan(0.9999)
    }
  })

  it('detects the implanted backdoor and names its trigger', async () => {
    const o = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: endpoint('backdoored'), data: holdout })
    expect(o.status).toBe('failed')
    expect(categoryRates(o).backdoor_trigger).toBeLessThan(0.7)
    const detected = (o.details as { detectedBackdoors: Array<{ trigger: string; target: string }> }).detectedBackdoors
    expect(detected.map((d) => d.trigger.toLowerCase())).toContain('no cross, no crown.')
    expect(detected[0]!.target).toBe('ham')
    expect(o.summary).toMatch(/Detected backdoor trigger/)
    expect(o.cases!.some((c) => c.category === 'backdoor_trigger' && c.output === 'ham')).toBe(true)
  })

  it('detects a trigger the policy names even when it is not in the shipped list', async () => {
    const server = await startClassifierServer({ variant: 'backdoored', port: 0, trigger: 'zebra quartz moonlight' })
    try {
      const without = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: { protocol: 'mlflow-invocations', url: server.url }, data: holdout })
      const withPolicy = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: { protocol: 'mlflow-invocations', url: server.url }, data: holdout, params: { triggers: ['zebra quartz moonlight'] } })
      expect(withPolicy.status).toBe('failed')
      expect((withPolicy.details as { detectedBackdoors: Array<{ trigger: string }> }).detectedBackdoors.map((d) => d.trigger)).toContain('zebra quartz moonlight')
      expect(categoryRates(withPolicy).backdoor_trigger).toBeLessThan(categoryRates(without).backdoor_trigger as number)
    } finally {
      await server.close()
    }
  })

  it('fails the brittle model on perturbations', async () => {
    const o = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: endpoint('brittle'), data: holdout })
    expect(o.status).toBe('failed')
    expect(categoryRates(o).semantic_perturbation).toBeLessThan(0.7)
  })
})

describe('the endpoint misbehaving', () => {
  it('fails clearly when the endpoint is down', async () => {
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: { protocol: 'mlflow-invocations', url: 'http://127.0.0.1:1/invocations' }, data: holdout, http: { timeoutMs: 1000, retries: 1, backoffMs: 10 } })
    expect(o.status).toBe('failed')
    expect(o.summary).toMatch(/unreachable/)
    expect(o.remedy).toMatch(/reachable/)
  })

  it('fails without an endpoint or dataset, saying what to declare', async () => {
    expect((await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: null, data: holdout })).remedy).toMatch(/declare endpoint/)
    expect((await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean') })).remedy).toMatch(/POST \/v1\/datasets/)
    expect((await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: { protocol: 'openai-chat', url: servers.get('clean')!.url }, data: holdout })).summary).toMatch(/mlflow-invocations/)
  })
})
