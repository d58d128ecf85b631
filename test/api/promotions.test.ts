import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'

// No worker here: promotions stay queued, which is what these API-level tests want.
let h: Harness
let ci: string
let viewer: string

const body = (over: Record<string, unknown> = {}) => ({
  model: 'fraud-detector',
  version: '1.4.0',
  targetEnvironment: 'dev',
  endpoint: { protocol: 'mlflow-invocations', url: 'http://127.0.0.1:9001/invocations' },
  // Queued only (no worker): the card's subject is never judged here.
  evidence: goodEvidence({ model: 'fraud-detector', version: '1.4.0' }),
  ...over,
})

async function counts() {
  const [promotions, audit, evidence, idem] = await Promise.all([
    h.db.prisma.promotion.count(),
    h.db.prisma.auditEvent.count(),
    h.db.prisma.evidence.count(),
    h.db.prisma.idempotencyRecord.count(),
  ])
  return { promotions, audit, evidence, idem }
}

beforeAll(async () => {
  h = await startHarness({ env: { MODELGATE_BODY_LIMIT_BYTES: String(256 * 1024) } })
  ci = await h.key('ci', ['ci'])
  viewer = await h.key('viewer', ['viewer'])
  await h.key('team', ['model_owner'])
  for (const name of ['fraud-detector', 'churn-model']) {
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name, kind: 'classifier', owner: 'team', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
    expect(res.statusCode).toBe(201)
  }
})
afterAll(async () => h?.close())

describe('POST /v1/promotions', () => {
  it('accepts a promotion (202) and shows its whole plan as queued', async () => {
    const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body() })
    expect(res.statusCode).toBe(202)
    const p = res.json()
    expect(res.headers.location).toBe(`/v1/promotions/${p.id}`)
    expect(p).toMatchObject({
      model: 'fraud-detector', version: '1.4.0', sourceEnvironment: null, targetEnvironment: 'dev', status: 'queued', requestedBy: 'ci',
      policyVersion: expect.any(String), riskLevel: null, requiredApprovals: [], approvals: [], failureSummary: null, decidedAt: null,
    })
    expect(p.gates.map((g: { tier: string; status: string }) => `${g.tier}:${g.status}`)).toEqual(['automated:pending', 'security:pending'])
    expect(p.evidence.map((e: { kind: string }) => e.kind).sort()).toEqual(['integrationTests', 'modelCard', 'unitTests', 'vulnerabilityReport'])
    expect(p.evidence[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/)

    const got = await h.request(viewer, { method: 'GET', url: `/v1/promotions/${p.id}` })
    expect(got.statusCode).toBe(200)
    expect(got.json()).toEqual(p)
  })

  it('refuses a second active promotion of the same version and target (409)', async () => {
    const problem = expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body() }), 409)
    expect(problem.activePromotion).toEqual(expect.any(String))
  })

  it('refuses skipping an environment (409)', async () => {
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: '2.0.0', targetEnvironment: 'prod' }) }), 409)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: '2.0.0', targetEnvironment: 'staging' }) }), 409)
  })

  it('refuses unknown models and datasets (422)', async () => {
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ model: 'no-such-model' }) }), 422)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: '9.9.9', evaluation: { dataset: 'nope' } }) }), 422)
  })

  it('refuses endpoint and output filter hosts outside the allowlist before queueing anything (422)', async () => {
    const before = await counts()
    const p1 = expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: '3.0.0', endpoint: { protocol: 'openai-chat', url: 'http://169.254.169.254/latest' } }) }), 422)
    expect(p1.detail).toMatch(/169\.254\.169\.254/)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: '3.0.0', outputFilter: { protocol: 'openai-moderation', url: 'https://moderation.example.com/v1' } }) }), 422)
    expect(await counts()).toEqual(before)
  })

  it('answers 400 for malformed JSON, wrong types and unknown fields, and writes nothing', async () => {
    const before = await counts()
    const raw = await h.request(ci, { method: 'POST', url: '/v1/promotions', headers: { 'content-type': 'application/json' }, payload: '{"model": "fraud-detector",' })
    expectProblem(raw, 400)
    const typed = expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: 140 }) }), 400)
    expect(typed.errors[0].path).toContain('version')
    const unknown = expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ approvedBy: 'cto' }) }), 400)
    expect(unknown.errors[0].message).toMatch(/unknown field "approvedBy"/)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ targetEnvironment: 'production' }) }), 400)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ evidence: { unitTests: 5 } }) }), 400)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ artifact: { uri: 'x', digest: 'md5:abc' } }) }), 400)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: [] as never }), 400)
    expect(await counts()).toEqual(before)
  })

  it('answers 413 for a body over the limit, and writes nothing', async () => {
    const before = await counts()
    const huge = body({ version: '4.0.0', evidence: { unitTests: 'x'.repeat(300 * 1024) } })
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: huge }), 413)
    expect(await counts()).toEqual(before)
  })

  it('lets only CI request promotions (403)', async () => {
    expectProblem(await h.request(viewer, { method: 'POST', url: '/v1/promotions', payload: body({ version: '5.0.0' }) }), 403)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/promotions', payload: body({ version: '5.0.0' }) }), 403)
  })
})

describe('Idempotency-Key', () => {
  it('returns the same promotion for the same key and body', async () => {
    const payload = body({ model: 'churn-model', version: '1.0.0' })
    const a = await h.request(ci, { method: 'POST', url: '/v1/promotions', headers: { 'idempotency-key': 'build-1001' }, payload })
    const b = await h.request(ci, { method: 'POST', url: '/v1/promotions', headers: { 'idempotency-key': 'build-1001' }, payload })
    expect(a.statusCode).toBe(202)
    expect(b.statusCode).toBe(202)
    expect(b.json().id).toBe(a.json().id)
    expect(b.headers['idempotent-replayed']).toBe('true')
    expect(await h.db.prisma.promotion.count({ where: { model: { name: 'churn-model' } } })).toBe(1)
  })

  it('answers 422 for the same key with another body, and writes nothing', async () => {
    const before = await counts()
    const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', headers: { 'idempotency-key': 'build-1001' }, payload: body({ model: 'churn-model', version: '1.0.1' }) })
    expectProblem(res, 422)
    expect(await counts()).toEqual(before)
  })

  it('makes one promotion from concurrent identical requests', async () => {
    const payload = body({ model: 'churn-model', version: '2.0.0' })
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => h.request(ci, { method: 'POST', url: '/v1/promotions', headers: { 'idempotency-key': 'build-2002' }, payload })),
    )
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(202))
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1)
    expect(await h.db.prisma.promotion.count({ where: { model: { name: 'churn-model' }, modelVersion: { version: '2.0.0' } } })).toBe(1)
  })

  it('keeps keys per principal', async () => {
    const other = await h.key('other-ci', ['ci'])
    const res = await h.request(other, { method: 'POST', url: '/v1/promotions', headers: { 'idempotency-key': 'build-1001' }, payload: body({ model: 'churn-model', version: '3.0.0' }) })
    expect(res.statusCode).toBe(202)
  })
})

describe('GET /v1/promotions', () => {
  it('answers 404 for unknown and malformed ids', async () => {
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/promotions/7d1e7c1e-0000-4000-8000-000000000000' }), 404)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/promotions/not-a-uuid' }), 404)
  })

  it('lists newest first with filters and cursor pagination', async () => {
    const all = (await h.request(viewer, { method: 'GET', url: '/v1/promotions?limit=100' })).json()
    expect(all.items.length).toBeGreaterThanOrEqual(4)
    const times = all.items.map((i: { createdAt: string }) => i.createdAt)
    expect([...times].sort().reverse()).toEqual(times)

    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await h.request(viewer, { method: 'GET', url: `/v1/promotions?limit=2${cursor ? `&cursor=${cursor}` : ''}` })).json()
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toEqual(all.items.map((i: { id: string }) => i.id))

    const churn = (await h.request(viewer, { method: 'GET', url: '/v1/promotions?model=churn-model&status=queued&targetEnvironment=dev' })).json()
    expect(churn.items.length).toBeGreaterThan(0)
    expect(churn.items.every((i: { model: string; status: string }) => i.model === 'churn-model' && i.status === 'queued')).toBe(true)

    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/promotions?status=nonsense' }), 400)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/promotions?limit=1000' }), 400)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/promotions?cursor=garbage' }), 400)
  })
})

describe('POST /v1/promotions/:id/cancel', () => {
  it('cancels an active promotion, frees its slot, and refuses a second cancel (409)', async () => {
    const p = (await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: '6.0.0' }) })).json()
    expectProblem(await h.request(viewer, { method: 'POST', url: `/v1/promotions/${p.id}/cancel` }), 403)
    const res = await h.request(ci, { method: 'POST', url: `/v1/promotions/${p.id}/cancel`, payload: { reason: 'superseded by 6.0.1' } })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'cancelled', decidedAt: expect.any(String) })
    expect(res.json().gates.every((g: { status: string }) => g.status === 'not_run')).toBe(true)
    expectProblem(await h.request(ci, { method: 'POST', url: `/v1/promotions/${p.id}/cancel` }), 409)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions/7d1e7c1e-0000-4000-8000-000000000000/cancel' }), 404)
    // the slot is free again
    expect((await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: body({ version: '6.0.0' }) })).statusCode).toBe(202)
    const audit = await h.db.prisma.auditEvent.findMany({ where: { promotionId: p.id }, orderBy: { seq: 'asc' } })
    expect(audit.map((a) => a.action)).toEqual(['promotion.created', 'promotion.cancelled'])
    expect(audit[1]!.actor).toBe('ci')
  })
})
