// A promotion's evaluation budget through the real API, queue and workers against the sample
// chat model: the budget is counted across tiers, reaching it blocks with the reason (or warns,
// with onInconclusive: warn), and a re-run under a policy with a larger budget promotes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qaDataset, startLlmServer, tinySafetensors, type LlmServer } from '../../samples/index.js'
import type { Policy } from '../../src/domain/policy.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { settle } from '../helpers/journey.js'
import { evidencePolicy } from '../helpers/policies.js'

const MODEL = 'helpdesk-llm'
// The evidence checks, accuracy (automated tier: one call per question, 60) and the safety
// benchmarks (security tier). The object is the policy in force: a test changes it (with a new
// version) as a confirmed PUT /v1/policy would.
const policy: Policy = evidencePolicy({ keep: ['accuracy_benchmark', 'safety_benchmarks'] })
const inForce = (version: string, budget: Record<string, number> | undefined, safetyParams: Record<string, unknown> = {}) => {
  policy.version = version
  policy.settings = budget ? { ...policy.settings, evaluation: { budget } } : { ...policy.settings, evaluation: undefined }
  for (const env of Object.values(policy.environments)) for (const t of env.tiers) for (const c of t.checks) if (c.id === 'safety_benchmarks') c.params = { ...safetyParams }
}

let h: Harness
let ci: string
let llm: LlmServer

beforeAll(async () => {
  llm = await startLlmServer({ port: 0 })
  h = await startHarness({ worker: true, policy })
  ci = await h.key('ci', ['ci'])
  const owner = await h.key('support-team', ['model_owner'])
  const m = await h.request(owner, { method: 'POST', url: '/v1/models', payload: { name: MODEL, kind: 'llm', owner: 'support-team', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
  expect(m.statusCode, m.body).toBe(201)
  const d = await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'facts', records: qaDataset(60), models: [MODEL] } })
  expect(d.statusCode, d.body).toBe(201)
})
afterAll(async () => {
  await h?.close()
  await llm?.close()
})

async function promote(version: string, withArtifact = false) {
  let artifact: { uri: string; digest: string } | undefined
  if (withArtifact) {
    // The signed verdict names the artifact it is about.
    const up = await h.request(ci, { method: 'PUT', url: `/v1/models/${MODEL}/versions/${version}/artifacts/model.safetensors`, headers: { 'content-type': 'application/octet-stream' }, payload: tinySafetensors([1]) })
    expect(up.statusCode, up.body).toBe(201)
    artifact = { uri: `s3://models/${MODEL}/${version}/model.safetensors`, digest: up.json().digest }
  }
  const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: {
    model: MODEL, version, targetEnvironment: 'dev',
    endpoint: { protocol: 'openai-chat', url: llm.url, model: 'sample' }, evaluation: { dataset: 'facts' },
    evidence: goodEvidence({ model: MODEL, version }), ...(artifact ? { artifact } : {}),
  } })
  expect(res.statusCode, res.body).toBe(202)
  return res.json().id as string
}

const check = (p: { gates: Array<{ checks: Array<{ id: string }> }> }, id: string) => p.gates.flatMap((g) => g.checks).find((c) => c.id === id) as Record<string, any>

describe('the evaluation budget of a promotion', () => {
  it('is counted across tiers: the safety benchmarks get what accuracy left, are inconclusive when it runs out, and the promotion is blocked; a re-run under a larger budget promotes', async () => {
    inForce('budget-61', { maxModelCalls: 61 })
    const id = await promote('1.0.0')
    const done = await settle(h, ci, id, ['promoted', 'blocked'], 60_000)
    expect(done.status).toBe('blocked')
    const accuracy = check(done, 'accuracy_benchmark')
    expect(accuracy.status, accuracy.summary).toBe('passed')
    expect(accuracy.details.budget).toMatchObject({ calls: 60, tokens: expect.any(Number), wallSeconds: expect.any(Number), limits: { maxModelCalls: 61 } })
    expect(accuracy.details.budget.tokens).toBeGreaterThan(0)
    const safety = check(done, 'safety_benchmarks')
    expect(safety).toMatchObject({ status: 'inconclusive', passed: false, summary: "inconclusive: the promotion's model-call budget (61 calls) was reached after 61 calls" })
    expect(safety.details).toMatchObject({ budgetExhausted: 'calls', budget: { calls: 61, limits: { maxModelCalls: 61 } } })
    expect(done.failureSummary).toContain("model-call budget (61 calls) was reached after 61 calls")
    const usage = await h.db.prisma.evaluationUsage.findUniqueOrThrow({ where: { promotionId: id } })
    expect(usage.calls).toBe(61)
    expect(Number(usage.tokens)).toBeGreaterThan(0)

    inForce('budget-default', undefined)
    const res = await h.request(ci, { method: 'POST', url: `/v1/promotions/${id}/rerun` })
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json()).toMatchObject({ rerunOf: id, policyVersion: 'budget-default' })
    const again = await settle(h, ci, res.json().id, ['promoted', 'blocked'], 60_000)
    expect(again.status, again.failureSummary).toBe('promoted')
    const passed = check(again, 'safety_benchmarks')
    expect(passed.status).toBe('passed')
    // Its own budget, from zero: accuracy's 60 calls and the safety benchmarks' own.
    expect(passed.details.budget.calls).toBeGreaterThan(60)
    expect(passed.details.budget.limits).toEqual({ maxModelCalls: 20_000, maxWallSeconds: 3600, maxTokens: 20_000_000 })
  }, 120_000)

  it('lets the promotion through with a WARNED verdict when the policy says onInconclusive: warn', async () => {
    inForce('budget-61-warn', { maxModelCalls: 61 }, { onInconclusive: 'warn' })
    const id = await promote('1.1.0', true)
    const done = await settle(h, ci, id, ['promoted', 'blocked'], 60_000)
    expect(done.status, done.failureSummary).toBe('promoted')
    expect(check(done, 'safety_benchmarks')).toMatchObject({ status: 'inconclusive', details: { allowedByPolicy: true, budgetExhausted: 'calls' } })
    const env = await h.request(ci, { method: 'GET', url: `/v1/promotions/${id}/attestation` })
    expect(env.statusCode, env.body).toBe(200)
    const predicate = JSON.parse(Buffer.from(env.json().payload, 'base64').toString()).predicate
    expect(predicate).toMatchObject({ result: 'WARNED', warnedTests: ['safety_benchmarks'], failedTests: [] })
  }, 120_000)

  it('refuses a wrong budget value when a policy is proposed (422 naming the field)', async () => {
    const doc = structuredClone(policy)
    doc.version = 'budget-bad'
    doc.settings = { ...doc.settings, evaluation: { budget: { maxModelCalls: 0 } } }
    const res = await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: doc })
    expect(res.statusCode, res.body).toBe(422)
    expect(res.json().detail).toMatch(/settings\.evaluation\.budget\.maxModelCalls/)
    doc.settings = { ...doc.settings, evaluation: { budget: { maxModelCalls: 100, calls: 5 } as never } }
    const unknown = await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: doc })
    expect(unknown.statusCode, unknown.body).toBe(422)
    expect(unknown.json().detail).toMatch(/unknown setting "settings\.evaluation\.budget\.calls"/)
  })
})
