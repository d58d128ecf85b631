// Promotions judged by the default policy through the real API, queue and workers, against
// real model servers: the gates measure the model themselves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupHoldoutDataset, qaDataset, startClassifierServer, startLlmServer, startModerationServer, tinySafetensors } from '../../samples/index.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, settle } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'
import { confirmChange } from '../helpers/changes.js'

let h: Harness
let ci: string
const closers: Array<() => Promise<void>> = []
const urls: Record<string, string> = {}
let distinct = 0

beforeAll(async () => {
  h = await startHarness({ worker: true, policy: 'stored', env: { MODELGATE_ARTIFACT_DIR: 'none' } })
  ci = await h.key('ci', ['ci'])
  for (const v of ['clean', 'poisoned', 'backdoored'] as const) {
    const s = await startClassifierServer({ variant: v, port: 0 })
    urls[v] = s.url
    closers.push(s.close)
  }
  const llm = await startLlmServer({ port: 0 })
  const filter = await startModerationServer({ variant: 'good', port: 0 })
  urls.llm = llm.url
  urls.filter = filter.url
  closers.push(llm.close, filter.close)
  await registerModel(h, 'spam-filter', 'mail-team', { userFacing: false, handlesPii: false, financialImpact: false })
  await registerModel(h, 'inbox-filter', 'mail-team', { userFacing: false, handlesPii: false, financialImpact: false })
  await h.key('support-team', ['model_owner'])
  const llmModel = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'helpdesk-llm', kind: 'llm', owner: 'support-team', riskProfile: { userFacing: true, handlesPii: false, financialImpact: false } } })
  expect(llmModel.statusCode).toBe(201)
  // Evaluation data comes from the models' owners, pinned to their models; never from CI.
  // 600 messages, each signed by both sender groups: enough distinct items for the calibrated
  // defaults of accuracy, fairness and paired regression to decide.
  const records = groupHoldoutDataset(600, 11)
  // The corpus holds a few messages twice; n counts each distinct input once.
  distinct = new Set(records.map((r) => r.input)).size
  const ds = await h.request(await h.key('mail-team', ['model_owner']), { method: 'POST', url: '/v1/datasets', payload: { name: 'spam-groups', records, models: ['spam-filter', 'inbox-filter'] } })
  expect(ds.statusCode, ds.body).toBe(201)
  const support = await h.key('support-team', ['model_owner'])
  const qa = await h.request(support, { method: 'POST', url: '/v1/datasets', payload: { name: 'facts', records: qaDataset(200), models: ['helpdesk-llm'] } })
  expect(qa.statusCode, qa.body).toBe(201)
  // At the minimum of distinct questions, but 34 of the 200 expect an answer no model gives:
  // 166 of 200 right, an interval that straddles 0.8.
  const mixed = qaDataset(200).map((r, i) => (i < 34 ? { ...r, expected: 'Atlantis' } : r))
  const few = await h.request(support, { method: 'POST', url: '/v1/datasets', payload: { name: 'facts-mixed', records: mixed, models: ['helpdesk-llm'] } })
  expect(few.statusCode, few.body).toBe(201)
}, 120_000)
afterAll(async () => {
  for (const c of closers) await c()
  await h?.close()
})

async function promote(model: string, version: string, endpoint: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const up = await h.request(ci, { method: 'PUT', url: `/v1/models/${model}/versions/${version}/artifacts/model.safetensors`, headers: { 'content-type': 'application/octet-stream' }, payload: tinySafetensors() })
  expect(up.statusCode, up.body).toBe(201)
  const artifact = { uri: `s3://models/${model}/${version}/model.safetensors`, digest: up.json().digest }
  const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model, version, targetEnvironment: 'dev', endpoint, artifact, evidence: goodEvidence({ model, version }), ...extra } })
  expect(res.statusCode, res.body).toBe(202)
  return settle(h, ci, res.json().id, ['promoted', 'blocked'])
}
const check = (p: { gates: Array<{ checks: Array<{ id: string }> }> }, id: string) => p.gates.flatMap((g) => g.checks).find((c) => c.id === id) as any

describe('a classifier judged on its endpoint', () => {
  it('promotes the clean model; regression is not_applicable with no earlier version to compare', async () => {
    const p = await promote('spam-filter', '1.0.0', { protocol: 'mlflow-invocations', url: urls.clean }, { evaluation: { dataset: 'spam-groups' } })
    expect(p.status, p.failureSummary).toBe('promoted')
    expect(check(p, 'accuracy_benchmark')).toMatchObject({ status: 'passed', measured: { accuracy: { n: distinct, method: 'wilson', ci: [expect.any(Number), expect.any(Number)] }, decision: { accuracy: { outcome: 'pass', alpha: 0.05 } } } })
    expect(check(p, 'bias_metrics')).toMatchObject({ status: 'passed', measured: { demographicParityDifference: { n: distinct } } })
    expect(check(p, 'regression_test')).toMatchObject({ status: 'not_applicable', details: { reason: expect.stringMatching(/no other version/) } })
    expect(check(p, 'adversarial_robustness')).toMatchObject({ status: 'passed' })
    expect(check(p, 'safety_benchmarks')).toMatchObject({ status: 'not_applicable' })

    // The signed verdict of a clean classifier is a plain PASSED: the checks that do not apply
    // to a classifier are listed as such, not as warnings.
    const env = await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/attestation` })
    expect(env.statusCode, env.body).toBe(200)
    const statement = JSON.parse(Buffer.from(env.json().payload, 'base64').toString())
    expect(statement.predicate).toMatchObject({ result: 'PASSED', warnedTests: [], failedTests: [] })
    expect(statement.predicate.notApplicableTests).toEqual(expect.arrayContaining(['regression_test', 'safety_benchmarks', 'output_filtering']))
    expect(statement.predicate.passedTests).toEqual(expect.arrayContaining(['accuracy_benchmark', 'bias_metrics', 'adversarial_robustness', 'security_scan']))
    const notes = statement.predicate.configuration[0].annotations
    const regression = notes.checks.find((c: { id: string }) => c.id === 'regression_test')
    expect(regression.reason).toMatch(/no other version/)
    // What was measured, next to what was scanned: the service says both, and that it has not
    // proven they are the same model.
    expect(notes.endpoint).toEqual({ protocol: 'mlflow-invocations', url: urls.clean, model: null })
    expect(notes.endpointServesArtifact).toBe('unverified')
    expect(notes.artifact).toEqual({ digest: p.artifact.digest, files: [{ filename: 'model.safetensors', sha256: p.artifact.digest.slice(7) }] })
    expect(statement.subject[0].digest.sha256).toBe(p.artifact.digest.slice(7))
    // Predictions asked of the model, counted per check (the shared pass over the dataset by
    // the check that started it) and in the verdict.
    const counted = p.gates.flatMap((g: { checks: Array<{ details: { cache?: { hits: number; calls: number } } }> }) => g.checks).map((c: { details: { cache?: { hits: number; calls: number } } }) => c.details.cache).filter(Boolean)
    expect(counted.length).toBeGreaterThan(0)
    expect(notes.evaluationCache).toEqual({ hits: counted.reduce((a: number, c: { hits: number }) => a + c.hits, 0), calls: counted.reduce((a: number, c: { calls: number }) => a + c.calls, 0) })
    expect(notes.evaluationCache.calls).toBeGreaterThanOrEqual(distinct)
  })

  it('blocks the poisoned model on accuracy and on regression against the version now in dev', async () => {
    const p = await promote('spam-filter', '1.1.0', { protocol: 'mlflow-invocations', url: urls.poisoned }, { evaluation: { dataset: 'spam-groups' } })
    expect(p.status).toBe('blocked')
    expect(check(p, 'accuracy_benchmark').status).toBe('failed')
    // Paired with 1.0.0's stored per-item outcomes on the same dataset digest.
    const reg = check(p, 'regression_test')
    expect(reg).toMatchObject({ status: 'failed', details: { baselineVersion: '1.0.0', pairs: expect.any(Object) }, measured: { accuracyDifference: { n: distinct, method: 'tango-score' } } })
    expect(reg.measured.accuracyDifference.ci[1]).toBeLessThan(-0.01)
    expect(p.failureSummary).toMatch(new RegExp(String.raw`regression_test .*regressed against 1\.0\.0 in dev: accuracy 0\.\d+ → 0\.\d+, difference -0\.\d+ \[-0\.\d+, -0\.\d+\], n=${distinct}`, 's'))

    const page1 = (await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/checks/accuracy_benchmark/cases?limit=5` })).json()
    expect(page1).toMatchObject({ checkId: 'accuracy_benchmark', status: 'failed', total: expect.any(Number) })
    expect(page1.items).toHaveLength(5)
    expect(page1.items[0]).toMatchObject({ category: 'misclassified', detector: 'label', input: expect.any(String), output: expect.stringMatching(/spam|ham/) })
    const page2 = (await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/checks/accuracy_benchmark/cases?limit=5&cursor=${page1.nextCursor}` })).json()
    expect(page2.items[0].position).toBe(5)
    expectProblem(await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/checks/no_such_check/cases` }), 404)
  })

  it('promotes an identical retrain: paired with 1.0.0 item by item, no discordant item', async () => {
    const p = await promote('spam-filter', '1.2.0', { protocol: 'mlflow-invocations', url: urls.clean }, { evaluation: { dataset: 'spam-groups' } })
    expect(p.status, p.failureSummary).toBe('promoted')
    const reg = check(p, 'regression_test')
    expect(reg).toMatchObject({ status: 'passed', measured: { accuracyDifference: { estimate: 0, n: distinct }, discordant: { candidateOnly: 0, baselineOnly: 0 } }, details: { baselineVersion: '1.0.0' } })
    expect(reg.measured.accuracyDifference.ci[0]).toBeGreaterThan(-0.01)
    // The same artifact behind the same endpoint as 1.0.0: the workers' evaluation cache
    // answers every prediction, and the model is not asked again.
    const env = await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/attestation` })
    const notes = JSON.parse(Buffer.from(env.json().payload, 'base64').toString()).predicate.configuration[0].annotations
    expect(notes.evaluationCache.calls).toBe(0)
    expect(notes.evaluationCache.hits).toBeGreaterThanOrEqual(distinct)
  })

  it('does not pretend to compare with a version whose per-item outcomes were never stored', async () => {
    // As for a version promoted before outcomes were kept.
    const v = await h.db.prisma.modelVersion.findFirstOrThrow({ where: { version: '1.2.0', model: { name: 'spam-filter' } } })
    await h.db.prisma.$executeRaw`UPDATE evaluation_metrics SET item_outcomes = NULL WHERE version_id = ${v.id}::uuid`
    const p = await promote('spam-filter', '1.4.0', { protocol: 'mlflow-invocations', url: urls.clean }, { evaluation: { dataset: 'spam-groups' } })
    expect(check(p, 'regression_test')).toMatchObject({ status: 'not_applicable', details: { reason: expect.stringMatching(/1\.2\.0 .*has no per-item outcomes .*promoted before they were kept/) } })
  })

  it('blocks the backdoored model at the security tier, naming the trigger, with the flipped cases', async () => {
    // A model of its own: against 1.0.0 it would already fail regression in the automated tier.
    const p = await promote('inbox-filter', '1.0.0', { protocol: 'mlflow-invocations', url: urls.backdoored }, { evaluation: { dataset: 'spam-groups' } })
    expect(p.status).toBe('blocked')
    expect(p.gates[0].status).toBe('passed')
    const adv = check(p, 'adversarial_robustness')
    expect(adv.status).toBe('failed')
    expect(adv.summary).toMatch(/backdoor_trigger defends .*No cross, no crown/s)
    const cases = (await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/checks/adversarial_robustness/cases?limit=100` })).json()
    expect(cases.items.some((c: { category: string }) => c.category === 'backdoor_trigger')).toBe(true)
  })

  it('fails clearly, without passing anything, when the endpoint is down', async () => {
    const p = await promote('spam-filter', '1.3.0', { protocol: 'mlflow-invocations', url: 'http://127.0.0.1:1/invocations' }, { evaluation: { dataset: 'spam-groups' } })
    expect(p.status).toBe('blocked')
    expect(check(p, 'accuracy_benchmark')).toMatchObject({ status: 'failed', summary: expect.stringMatching(/unreachable/) })
  })
})

describe('a chat model judged on its endpoint', () => {
  it('promotes the clean model with a working output filter', async () => {
    const p = await promote('helpdesk-llm', '1.0.0', { protocol: 'openai-chat', url: urls.llm, model: 'helpdesk' }, { evaluation: { dataset: 'facts' }, outputFilter: { protocol: 'openai-moderation', url: urls.filter } })
    expect(p.status, p.failureSummary).toBe('promoted')
    expect(check(p, 'safety_benchmarks').status).toBe('passed')
    expect(check(p, 'output_filtering').status).toBe('passed')
    expect(check(p, 'bias_metrics').status).toBe('not_applicable')
  })

  it('blocks on an inconclusive accuracy, saying which interval straddles which threshold and about how many more cases would decide', async () => {
    const p = await promote('helpdesk-llm', '1.1.0', { protocol: 'openai-chat', url: urls.llm, model: 'helpdesk' }, { evaluation: { dataset: 'facts-mixed' }, outputFilter: { protocol: 'openai-moderation', url: urls.filter } })
    expect(p.status).toBe('blocked')
    const acc = check(p, 'accuracy_benchmark')
    expect(acc).toMatchObject({ status: 'inconclusive', passed: false, measured: { accuracy: { estimate: 0.83, n: 200 } } })
    expect(acc.details.allowedByPolicy).toBeUndefined()
    expect(p.failureSummary).toMatch(/accuracy_benchmark \[high\]: accuracy inconclusive: the interval \[0\.\d+, 0\.\d+\] straddles 0\.8; about \d+ more cases would decide/)
  })

  it('lets an inconclusive check through as a warning when the policy says onInconclusive: warn', async () => {
    const current = (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })).json().policy
    const lenient = structuredClone(current)
    lenient.version = 'warn-on-inconclusive-1'
    lenient.environments.dev.tiers[0].checks.find((c: { id: string }) => c.id === 'accuracy_benchmark').params.onInconclusive = 'warn'
    // A policy change is in force once a second admin confirms it.
    await confirmChange(h, await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: lenient }))
    const p = await promote('helpdesk-llm', '1.2.0', { protocol: 'openai-chat', url: urls.llm, model: 'helpdesk' }, { evaluation: { dataset: 'facts-mixed' }, outputFilter: { protocol: 'openai-moderation', url: urls.filter } })
    expect(p.status, p.failureSummary).toBe('promoted')
    expect(check(p, 'accuracy_benchmark')).toMatchObject({ status: 'inconclusive', passed: false, details: { allowedByPolicy: true, onInconclusive: 'warn' } })
  })
})
