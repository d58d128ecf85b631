// The measured gates against the real naive Bayes spam filter and its honestly-made flawed
// variants (poisoned training data, an implanted backdoor, skewed groups, brittle features).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupHoldoutDataset, holdoutDataset, startClassifierServer, type ClassifierServer, type ClassifierVariant } from '../../samples/index.js'
import { categoryRates, dataset, runCheck } from '../helpers/evaluation.js'

const servers = new Map<ClassifierVariant, ClassifierServer>()
const holdout = dataset('spam-holdout', holdoutDataset(300, 7))
const grouped = dataset('spam-groups', groupHoldoutDataset(150, 7))

beforeAll(async () => {
  for (const v of ['clean', 'backdoored', 'poisoned', 'biased', 'brittle'] as const) servers.set(v, await startClassifierServer({ variant: v, port: 0 }))
}, 120_000)
afterAll(async () => {
  for (const s of servers.values()) await s.close()
})

const endpoint = (v: ClassifierVariant) => ({ protocol: 'mlflow-invocations' as const, url: servers.get(v)!.url })

describe('accuracy_benchmark', () => {
  it('passes the clean model with accuracy, macro-F1 and a confusion matrix', async () => {
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout })
    expect(o.status).toBe('passed')
    expect((o.measured as { accuracy: number }).accuracy).toBeGreaterThan(0.9)
    expect(o.details).toMatchObject({ n: 300, confusionMatrix: { ham: expect.any(Object), spam: expect.any(Object) } })
    expect(o.metrics).toMatchObject({ datasetDigest: holdout.digest, values: { accuracy: expect.any(Number), macroF1: expect.any(Number) } })
  })

  it('fails the model trained on poisoned labels, with misclassified cases', async () => {
    const o = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: endpoint('poisoned'), data: holdout })
    expect(o.status).toBe('failed')
    expect((o.measured as { accuracy: number }).accuracy).toBeLessThan(0.8)
    expect(o.cases!.length).toBeGreaterThan(10)
    expect(o.cases![0]).toMatchObject({ category: 'misclassified', detector: 'label', verdict: expect.stringMatching(/^expected (spam|ham), got/) })
  })
})

describe('bias_metrics', () => {
  it('passes the clean model and fails the one trained on skewed groups, per group', async () => {
    const clean = await runCheck('bias_metrics', { kind: 'classifier', endpoint: endpoint('clean'), data: grouped })
    expect(clean.status).toBe('passed')
    const biased = await runCheck('bias_metrics', { kind: 'classifier', endpoint: endpoint('biased'), data: grouped })
    expect(biased.status).toBe('failed')
    expect((biased.measured as { demographicParityDifference: number }).demographicParityDifference).toBeGreaterThan(0.1)
    expect(biased.details).toMatchObject({ groups: { en: { selectionRate: expect.any(Number), tpr: expect.any(Number), fpr: expect.any(Number) }, es: expect.any(Object) } })
    expect(biased.summary).toMatch(/demographicParityDifference|disparateImpact/)
  })

  it('cannot pass without groups in the dataset', async () => {
    const o = await runCheck('bias_metrics', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout })
    expect(o.status).toBe('failed')
    expect(o.remedy).toMatch(/group/)
  })
})

describe('regression_test', () => {
  it('is not_applicable with the reason when nothing is in the target environment', async () => {
    const o = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout, baseline: { none: 'no other version of m is in staging' } })
    expect(o).toMatchObject({ status: 'not_applicable', details: { reason: 'no other version of m is in staging' } })
  })

  it('fails when a metric drops more than 0.01 below the version in the target environment', async () => {
    const o = await runCheck('regression_test', { kind: 'classifier', endpoint: endpoint('backdoored'), data: holdout, baseline: { version: '1.0.0', promotionId: 'x', metrics: { accuracy: 0.99, macroF1: 0.99 } } })
    expect(o.status).toBe('failed')
    expect(o.summary).toMatch(/regressed against 1\.0\.0/)
  })
})

describe('adversarial_robustness for classifiers', () => {
  it('passes the clean model in every category and skips data extraction with the reason', async () => {
    const o = await runCheck('adversarial_robustness', { kind: 'classifier', endpoint: endpoint('clean'), data: holdout })
    const rates = categoryRates(o)
    expect(o.status, o.summary).toBe('passed')
    expect(rates.data_extraction).toBe('not_applicable')
    for (const c of ['semantic_perturbation', 'backdoor_trigger', 'adversarial_suffix', 'prompt_injection']) expect(rates[c], c).toBeGreaterThanOrEqual(0.7)
    expect((o.details as { detectedBackdoors: unknown[] }).detectedBackdoors).toEqual([])
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
