// POST /v1/promotions/:id/rerun: a blocked promotion judged again as a new promotion with the
// same request and evidence; who may ask, what is refused, and how the two stay linked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goodEvidence, junit } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { settle } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
let ci: string
let otherCi: string
let viewer: string
let owner: string

const MODEL = 'fraud-detector'
const failingEvidence = (version: string) => ({ ...goodEvidence({ model: MODEL, version }), unitTests: junit({ passed: 3, failed: ['test_threshold'] }) })

async function promote(key: string, version: string, evidence: Record<string, unknown>) {
  const res = await h.request(key, { method: 'POST', url: '/v1/promotions', payload: { model: MODEL, version, targetEnvironment: 'dev', endpoint: { protocol: 'mlflow-invocations', url: 'http://127.0.0.1:9001/invocations' }, evidence } })
  expect(res.statusCode, res.body).toBe(202)
  return res.json().id as string
}

async function blocked(version: string): Promise<string> {
  const id = await promote(ci, version, failingEvidence(version))
  const done = await settle(h, ci, id)
  expect(done.status, done.failureSummary).toBe('blocked')
  return id
}

const rerun = (key: string, id: string) => h.request(key, { method: 'POST', url: `/v1/promotions/${id}/rerun` })

beforeAll(async () => {
  h = await startHarness({ worker: true })
  ci = await h.key('ci', ['ci'])
  otherCi = await h.key('other-pipeline', ['ci'])
  viewer = await h.key('viewer', ['viewer'])
  owner = await h.key('team', ['model_owner'])
  const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: MODEL, kind: 'classifier', owner: 'team', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
  expect(res.statusCode).toBe(201)
})
afterAll(async () => h?.close())

describe('re-running a blocked promotion', () => {
  it('creates a new promotion naming the old one, with the same request and evidence, under the policy in force; the old one stays blocked and readable', async () => {
    const oldId = await blocked('2.0.0')
    const before = (await h.request(viewer, { method: 'GET', url: `/v1/promotions/${oldId}` })).json()
    const res = await rerun(ci, oldId)
    expect(res.statusCode, res.body).toBe(202)
    const p = res.json()
    expect(res.headers.location).toBe(`/v1/promotions/${p.id}`)
    expect(p.id).not.toBe(oldId)
    expect(p).toMatchObject({ rerunOf: oldId, rerunBy: 'ci', requestedBy: 'ci', reruns: [], model: MODEL, version: '2.0.0', targetEnvironment: 'dev', endpoint: before.endpoint, policyVersion: before.policyVersion })
    expect(['queued', 'running', 'blocked']).toContain(p.status)
    expect(p.evidence).toEqual(before.evidence)

    // The same failing evidence blocks it again: it was judged, not copied.
    const again = await settle(h, ci, p.id)
    expect(again.status).toBe('blocked')
    expect(again.gates[0].checks.find((c: { id: string }) => c.id === 'unit_tests')).toMatchObject({ status: 'failed', recordedAt: expect.any(String) })

    const old = (await h.request(viewer, { method: 'GET', url: `/v1/promotions/${oldId}` })).json()
    expect(old).toMatchObject({ status: 'blocked', rerunOf: null, rerunBy: null, reruns: [p.id], failureSummary: before.failureSummary })
    expect(old.gates).toEqual(before.gates)
    // Both attempts stay in the model's history of blocked promotions (the risk score counts them).
    expect(await h.db.prisma.promotion.count({ where: { id: { in: [oldId, p.id] }, status: 'blocked' } })).toBe(2)

    // The audit trail links them both ways.
    const onOld = await h.db.prisma.auditEvent.findMany({ where: { promotionId: oldId, action: 'promotion.rerun' } })
    expect(onOld).toHaveLength(1)
    expect(onOld[0]).toMatchObject({ actor: 'ci', data: { rerunPromotionId: p.id, rerunOf: oldId, rerunBy: 'ci' } })
    const created = await h.db.prisma.auditEvent.findFirst({ where: { promotionId: p.id, action: 'promotion.created' } })
    expect(created).toMatchObject({ actor: 'ci', data: { rerunOf: oldId, rerunBy: 'ci', requestedBy: 'ci' } })
    const listed = (await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/audit?promotionId=${oldId}` })).json()
    expect(listed.items.map((e: { action: string }) => e.action)).toContain('promotion.rerun')
  })

  it('may be asked by an admin: the requester stays the pipeline, rerunBy names the admin', async () => {
    const oldId = await blocked('2.1.0')
    const res = await rerun(ADMIN_KEY, oldId)
    expect(res.statusCode, res.body).toBe(202)
    expect(res.json()).toMatchObject({ rerunOf: oldId, requestedBy: 'ci', rerunBy: 'admin' })
    const audit = await h.db.prisma.auditEvent.findFirst({ where: { promotionId: oldId, action: 'promotion.rerun' } })
    expect(audit).toMatchObject({ actor: 'admin' })
    await settle(h, ci, res.json().id)
  })

  it('is refused to another pipeline\'s CI key and to other roles (403), and writes nothing', async () => {
    const oldId = await blocked('2.2.0')
    const count = await h.db.prisma.promotion.count()
    for (const key of [otherCi, viewer, owner]) {
      const body = expectProblem(await rerun(key, oldId), 403)
      expect(body.detail).toBeTruthy()
    }
    expect(expectProblem(await rerun(otherCi, oldId), 403).detail).toMatch(/only the requester \(ci\) or an admin/)
    expect(await h.db.prisma.promotion.count()).toBe(count)
  })

  it('answers 404 for unknown and malformed ids', async () => {
    expectProblem(await rerun(ci, '00000000-0000-4000-8000-000000000000'), 404)
    expectProblem(await rerun(ci, 'not-a-uuid'), 404)
  })

  it('refuses a promotion that is not blocked (409, saying what it is)', async () => {
    const id = await promote(ci, '2.3.0', goodEvidence({ model: MODEL, version: '2.3.0' }))
    const done = await settle(h, ci, id)
    expect(done.status, done.failureSummary).toBe('promoted')
    const body = expectProblem(await rerun(ci, id), 409)
    expect(body.detail).toBe('only a blocked promotion can be re-run; this one is promoted')
  })

  it('makes exactly one promotion from two concurrent re-runs, and refuses one while another of that version and target is active (409)', async () => {
    const oldId = await blocked('2.4.0')
    // Without a worker the re-run stays queued, so it is still active for the requests below.
    await h.worker!.close()
    h.worker = undefined
    const [a, b] = await Promise.all([rerun(ci, oldId), rerun(ci, oldId)])
    expect([a.statusCode, b.statusCode].sort()).toEqual([202, 409])
    const won = (a.statusCode === 202 ? a : b).json()
    const lost = expectProblem(a.statusCode === 409 ? a : b, 409)
    expect(lost.detail).toBe(`an active promotion of ${MODEL} 2.4.0 to dev already exists`)
    expect(lost.activePromotion).toBe(won.id)
    expect(await h.db.prisma.promotion.count({ where: { rerunOf: oldId } })).toBe(1)
    expectProblem(await rerun(ADMIN_KEY, oldId), 409)
    // A new request for that version and target is refused the same way.
    const direct = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: MODEL, version: '2.4.0', targetEnvironment: 'dev', evidence: failingEvidence('2.4.0') } })
    expectProblem(direct, 409)
  })
})
