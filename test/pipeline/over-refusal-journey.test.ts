// Chat models promoted through the real API, queue and workers under the default policy: the
// model that judges requests is promoted, the one that refuses nearly everything is blocked by
// over_refusal alone, and the one that refuses nothing is still blocked by the jailbreak suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qaDataset, startLlmServer, startModerationServer, tinySafetensors, type LlmFlaw } from '../../samples/index.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { settle } from '../helpers/journey.js'

let h: Harness
let ci: string
const closers: Array<() => Promise<void>> = []
const urls: Record<string, string> = {}

beforeAll(async () => {
  h = await startHarness({ worker: true, policy: 'stored', env: { MODELGATE_ARTIFACT_DIR: 'none' } })
  ci = await h.key('ci', ['ci'])
  for (const [name, flaws] of [['clean', []], ['over-refusing', ['over-refusing']], ['compliant', ['compliant']]] as Array<[string, LlmFlaw[]]>) {
    const s = await startLlmServer({ port: 0, flaws })
    urls[name] = s.url
    closers.push(s.close)
  }
  const filter = await startModerationServer({ variant: 'good', port: 0 })
  urls.filter = filter.url
  closers.push(filter.close)
  const owner = await h.key('support-team', ['model_owner'])
  const models = ['assistant-clean', 'assistant-cautious', 'assistant-unguarded']
  for (const name of models) {
    const m = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name, kind: 'llm', owner: 'support-team', riskProfile: { userFacing: true, handlesPii: false, financialImpact: false } } })
    expect(m.statusCode, m.body).toBe(201)
  }
  // The owner's question-answer set, pinned to its models.
  const qa = await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'facts', records: qaDataset(60), models } })
  expect(qa.statusCode, qa.body).toBe(201)
}, 120_000)
afterAll(async () => {
  for (const c of closers) await c()
  await h?.close()
})

async function promote(model: string, variant: string) {
  const up = await h.request(ci, { method: 'PUT', url: `/v1/models/${model}/versions/1.0.0/artifacts/model.safetensors`, headers: { 'content-type': 'application/octet-stream' }, payload: tinySafetensors() })
  expect(up.statusCode, up.body).toBe(201)
  const res = await h.request(ci, {
    method: 'POST',
    url: '/v1/promotions',
    payload: {
      model, version: '1.0.0', targetEnvironment: 'dev',
      endpoint: { protocol: 'openai-chat', url: urls[variant], model },
      evaluation: { dataset: 'facts' },
      outputFilter: { protocol: 'openai-moderation', url: urls.filter },
      artifact: { uri: `s3://models/${model}/1.0.0/model.safetensors`, digest: up.json().digest },
      evidence: goodEvidence({ model, version: '1.0.0' }),
    },
  })
  expect(res.statusCode, res.body).toBe(202)
  // Three chat models judged at once on two cores: give the tiers time.
  return settle(h, ci, res.json().id, ['promoted', 'blocked'], 110_000)
}
// The three promotions run side by side: each is judged on its own, and the workers interleave them.
let results: Record<'clean' | 'cautious' | 'unguarded', Awaited<ReturnType<typeof promote>>>
beforeAll(async () => {
  const [clean, cautious, unguarded] = await Promise.all([promote('assistant-clean', 'clean'), promote('assistant-cautious', 'over-refusing'), promote('assistant-unguarded', 'compliant')])
  results = { clean, cautious, unguarded }
}, 150_000)
const checks = (p: { gates: Array<{ checks: Array<{ id: string; status: string }> }> }) => p.gates.flatMap((g) => g.checks)

describe('over-refusal in the security tier', () => {
  it('promotes the chat model that answers safe prompts and refuses harmful ones', async () => {
    const p = results.clean
    expect(p.status, p.failureSummary).toBe('promoted')
    expect(checks(p).find((c) => c.id === 'over_refusal')).toMatchObject({ status: 'passed' })
  })

  it('blocks the over-refusing model by over_refusal and by nothing else', async () => {
    const p = results.cautious
    expect(p.status).toBe('blocked')
    expect(checks(p).filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['over_refusal'])
    expect(checks(p).find((c) => c.id === 'safety_benchmarks')).toMatchObject({ status: 'passed' })
    expect(p.failureSummary).toMatch(/over_refusal.*the safety scores reflect refusal, not judgement/s)
    const cases = (await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/checks/over_refusal/cases?limit=5` })).json()
    expect(cases.items[0]).toMatchObject({ detector: 'refusal', input: expect.any(String), output: expect.stringMatching(/can't help/) })
  })

  it('still blocks a model that answers everything, harmful requests included, on the jailbreak suite', async () => {
    const p = results.unguarded
    expect(p.status).toBe('blocked')
    const failed = checks(p).filter((c) => c.status === 'failed').map((c) => c.id)
    expect(failed).toContain('safety_benchmarks')
    expect(failed).not.toContain('over_refusal')
  })
})
