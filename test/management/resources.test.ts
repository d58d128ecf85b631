// Listing and managing what users created: models, datasets, webhooks, attestations, trusted
// keys and remediation tickets, each with its role rule and audit event.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCheckResult } from '../../src/core/check-results.js'
import { emitEvent } from '../../src/notify/outbox.js'
import { confirmChange } from '../helpers/changes.js'
import { awaitingApproval } from '../helpers/factories.js'
import { ADMIN_KEY, eventually, startHarness, type Harness } from '../helpers/harness.js'
import { startReceiver } from '../helpers/receiver.js'
import { approve, registerModel } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'
import { makeKey } from '../provenance/fixtures.js'

let h: Harness
const NO_RISK = { userFacing: false, handlesPii: false, financialImpact: false }
let viewer: string
let ci: string

beforeAll(async () => {
  h = await startHarness()
  viewer = await h.key('viewer', ['viewer'])
  ci = await h.key('ci', ['ci'])
  await registerModel(h, 'listed-a', 'owner-a', NO_RISK)
  await registerModel(h, 'listed-b', 'owner-b', NO_RISK)
})
afterAll(async () => h?.close())

const lastAudit = async (action: string) => h.db.prisma.auditEvent.findFirst({ where: { action }, orderBy: { seq: 'desc' } })

describe('lists', () => {
  it('models: any role, newest first, paged by cursor', async () => {
    const first = await h.request(viewer, { method: 'GET', url: '/v1/models?limit=1' })
    expect(first.statusCode).toBe(200)
    expect(first.json().items.map((m: { name: string }) => m.name)).toEqual(['listed-b'])
    expect(first.json().items[0]).toMatchObject({ owner: 'owner-b', environments: { dev: null, staging: null, prod: null } })
    const second = (await h.request(viewer, { method: 'GET', url: `/v1/models?limit=1&cursor=${first.json().nextCursor}` })).json()
    expect(second.items.map((m: { name: string }) => m.name)).toEqual(['listed-a'])
    expect(second.nextCursor).toBeNull()
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/models?cursor=bogus' }), 400)
    expectProblem(await h.request(null, { method: 'GET', url: '/v1/models' }), 401)
  })

  it('datasets: metadata only, never the records', async () => {
    const secret = 'a record nobody should list'
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/datasets', payload: { name: 'listed-data', records: [{ input: secret, label: 'x' }], models: ['listed-a'] } })
    expect(res.statusCode).toBe(201)
    const list = await h.request(ci, { method: 'GET', url: '/v1/datasets' })
    expect(list.statusCode).toBe(200)
    expect(list.json().items).toEqual([expect.objectContaining({ name: 'listed-data', size: 1, models: ['listed-a'], registeredBy: 'admin', digest: res.json().digest })])
    expect(list.body).not.toContain(secret)
    expect(list.json().items[0]).not.toHaveProperty('records')
  })

  it("a version's attestations: any role; 404 for an unknown model", async () => {
    const red = await h.key('red', ['red_team'])
    const rec = await h.request(red, { method: 'POST', url: '/v1/models/listed-a/versions/1.0.0/attestations', payload: { kind: 'red-team', verdict: 'pass', reportUri: 'https://reports.example/1' } })
    expect(rec.statusCode).toBe(201)
    const res = await h.request(viewer, { method: 'GET', url: '/v1/models/listed-a/versions/1.0.0/attestations' })
    expect(res.json().items).toEqual([expect.objectContaining({ id: rec.json().id, verdict: 'pass', attestedBy: 'red' })])
    expect((await h.request(viewer, { method: 'GET', url: '/v1/models/listed-a/versions/2.0.0/attestations' })).json().items).toEqual([])
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/models/nope/versions/1.0.0/attestations' }), 404)
  })
})

describe('webhooks', () => {
  let id: string
  const SECRET = 'whsec-0123456789abcdef-listing'
  it('lists without the secret, admins only', async () => {
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1:9/hook', events: ['promotion.blocked'], secret: SECRET } })
    expect(res.statusCode, res.body).toBe(201)
    id = res.json().id
    const list = await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/webhooks' })
    expect(list.json().items).toEqual([expect.objectContaining({ id, active: true, createdBy: 'admin' })])
    expect(list.body).not.toContain(SECRET)
    expect(list.body).not.toMatch(/secret/i)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/webhooks' }), 403)
  })

  it('a test send with a JSON content type and no body is accepted like one without', async () => {
    const withType = await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${id}/test`, headers: { 'content-type': 'application/json' } })
    expect(withType.statusCode, withType.body).toBe(202)
    const without = await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${id}/test` })
    expect(without.statusCode).toBe(202)
    // Hostile bodies are still refused.
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${id}/test`, headers: { 'content-type': 'application/json' }, payload: '{"a":"\\u0000"}' }), 400)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${id}/test`, headers: { 'content-type': 'application/json' }, payload: '['.repeat(100) }), 400)
  })

  it('disabled: no new deliveries; enabled again: deliveries resume', async () => {
    const off = await h.request(ADMIN_KEY, { method: 'PATCH', url: `/v1/webhooks/${id}`, payload: { enabled: false } })
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json().active).toBe(false)
    expect((await lastAudit('webhook.disabled'))?.data).toMatchObject({ id })
    const emitted = await h.db.prisma.$transaction((tx) => emitEvent(tx, 'promotion.blocked', { promotionId: 'x' }))
    expect(emitted).toEqual([])
    expect(await h.db.prisma.webhookDelivery.count({ where: { webhookId: id, event: 'promotion.blocked' } })).toBe(0)
    expectProblem(await h.request(ADMIN_KEY, { method: 'PATCH', url: `/v1/webhooks/${id}`, payload: { enabled: 'no' } }), 400)
    expectProblem(await h.request(viewer, { method: 'PATCH', url: `/v1/webhooks/${id}`, payload: { enabled: true } }), 403)
    await h.request(ADMIN_KEY, { method: 'PATCH', url: `/v1/webhooks/${id}`, payload: { enabled: true } })
    expect(await h.db.prisma.$transaction((tx) => emitEvent(tx, 'promotion.blocked', { promotionId: 'y' }))).toHaveLength(1)
  })

  it('an event emitted while its webhook is being deleted writes nothing and does not fail the change it reports', async () => {
    const created = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1:9/race', events: ['promotion.blocked'], secret: SECRET } })
    const hook = created.json().id as string
    // A deletion that has taken its row lock but not committed: the emitter must wait for it
    // and then see the webhook gone, not insert a delivery whose foreign key fails at commit.
    const deleter = new pg.Client({ connectionString: h.config.databaseUrl })
    await deleter.connect()
    try {
      await deleter.query('BEGIN')
      await deleter.query('DELETE FROM webhooks WHERE id = $1', [hook])
      const emitting = h.db.prisma.$transaction((tx) => emitEvent(tx, 'promotion.blocked', { promotionId: 'z' }))
      await new Promise((r) => setTimeout(r, 150))
      await deleter.query('COMMIT')
      const ids = await emitting
      expect(await h.db.prisma.webhookDelivery.count({ where: { webhookId: hook } })).toBe(0)
      expect(ids.length).toBe(await h.db.prisma.webhook.count({ where: { active: true, events: { has: 'promotion.blocked' } } }))
    } finally {
      await deleter.end()
    }
    // The test send of a deleted webhook is a 404, not a 5xx.
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${hook}/test` }), 404)
  })

  it('deleted with its delivery history; the audit log keeps the deletion', async () => {
    const before = await h.db.prisma.webhookDelivery.count({ where: { webhookId: id } })
    expect(before).toBeGreaterThan(0)
    expectProblem(await h.request(viewer, { method: 'DELETE', url: `/v1/webhooks/${id}` }), 403)
    const res = await h.request(ADMIN_KEY, { method: 'DELETE', url: `/v1/webhooks/${id}` })
    expect(res.statusCode).toBe(204)
    expect(await h.db.prisma.webhookDelivery.count({ where: { webhookId: id } })).toBe(0)
    expect((await lastAudit('webhook.deleted'))?.data).toMatchObject({ id, deliveriesDeleted: before })
    expectProblem(await h.request(ADMIN_KEY, { method: 'DELETE', url: `/v1/webhooks/${id}` }), 404)
  })
})

describe('trusted keys', () => {
  it('removal is a governed change: pending until a second admin confirms', async () => {
    const key = makeKey('ed25519')
    await confirmChange(h, await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: key.publicPem } }))
    const proposed = await h.request(ADMIN_KEY, { method: 'DELETE', url: `/v1/trusted-keys/${key.keyId}` })
    expect(proposed.json()).toMatchObject({ kind: 'trusted_key_removal', target: key.keyId, status: 'pending' })
    // Still trusted while pending; its proposer cannot confirm it.
    expect(await h.db.prisma.trustedKey.count({ where: { keyId: key.keyId } })).toBe(1)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/changes/${proposed.json().id}/confirm` }), 403)
    await confirmChange(h, proposed)
    expect(await h.db.prisma.trustedKey.count({ where: { keyId: key.keyId } })).toBe(0)
    expect((await lastAudit('trusted_key.removed'))?.data).toMatchObject({ keyId: key.keyId, proposedBy: 'admin', confirmedBy: 'second-admin' })
    expectProblem(await h.request(ADMIN_KEY, { method: 'DELETE', url: `/v1/trusted-keys/${key.keyId}` }), 404)
    expectProblem(await h.request(viewer, { method: 'DELETE', url: `/v1/trusted-keys/${key.keyId}` }), 403)
  })
})

describe('remediation tickets', () => {
  const ticketFor = async (promotionId: string, version: string) =>
    h.db.prisma.remediationTicket.create({ data: { promotionId, model: 'listed-a', version, targetEnvironment: 'prod', severity: 'high', title: 'blocked', summary: 'blocked', failedChecks: [] } })

  it('a later promotion of the model to the same environment resolves the open tickets, audited', async () => {
    const blocked = await awaitingApproval(h, { model: 'listed-a', version: '5.0.0' })
    await h.db.prisma.promotion.update({ where: { id: blocked.id }, data: { status: 'blocked', activeKey: null } })
    const ticket = await ticketFor(blocked.id, '5.0.0')
    const p = await awaitingApproval(h, { model: 'listed-a', version: '5.1.0' })
    expect((await approve(h, await h.key('lead', ['ml_lead']), p.id, 'ml_lead')).statusCode).toBe(201)
    expect((await h.db.prisma.remediationTicket.findUniqueOrThrow({ where: { id: ticket.id } })).status).toBe('open')
    expect((await approve(h, await h.key('owner-a', ['model_owner']), p.id, 'model_owner')).statusCode).toBe(201)
    const resolved = await h.db.prisma.remediationTicket.findUniqueOrThrow({ where: { id: ticket.id } })
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: 'modelgate' })
    expect(resolved.resolution).toContain(p.id)
    expect((await lastAudit('ticket.resolved'))?.data).toMatchObject({ ticketId: ticket.id, resolvedByPromotion: p.id })
    const listed = (await h.request(viewer, { method: 'GET', url: `/v1/remediation-tickets?promotionId=${blocked.id}` })).json().items[0]
    expect(listed).toMatchObject({ status: 'resolved', resolvedBy: 'modelgate' })
  })

  it('by hand with a reason: admin, ml_lead or the owner; twice is 409', async () => {
    const blocked = await awaitingApproval(h, { model: 'listed-a', version: '2.0.0' })
    await h.db.prisma.promotion.update({ where: { id: blocked.id }, data: { status: 'blocked', activeKey: null } })
    const ticket = await ticketFor(blocked.id, '2.0.0')
    const url = `/v1/remediation-tickets/${ticket.id}/resolve`
    expectProblem(await h.request(ci, { method: 'POST', url, payload: { reason: 'not mine' } }), 403)
    expectProblem(await h.request(await h.key('owner-b', ['model_owner']), { method: 'POST', url, payload: { reason: 'not mine' } }), 403)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url, payload: {} }), 400)
    const res = await h.request(await h.key('lead', ['ml_lead']), { method: 'POST', url, payload: { reason: 'retrained on clean data' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'resolved', resolvedBy: 'lead', resolution: 'retrained on clean data' })
    expect((await lastAudit('ticket.resolved'))?.data).toMatchObject({ ticketId: ticket.id, reason: 'retrained on clean data' })
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url, payload: { reason: 'again' } }), 409)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/remediation-tickets/nope/resolve', payload: { reason: 'x y z' } }), 404)
  })
})

describe('failing cases', () => {
  it('filters by category; total counts the stored sample, failures every failing case counted', async () => {
    const p = await awaitingApproval(h, { model: 'listed-b', version: '1.0.0' })
    const cases = [
      ...Array.from({ length: 3 }, (_, i) => ({ category: 'jailbreak', input: `j${i}`, output: 'sure', verdict: 'complied', detector: 'refusal' })),
      ...Array.from({ length: 2 }, (_, i) => ({ category: 'pii', input: `p${i}`, output: 'a@b.c', verdict: 'leaked', detector: 'pii' })),
    ]
    await h.db.prisma.$transaction((tx) => insertCheckResult(tx, {
      promotionId: p.id, model: 'listed-b', tier: 'security', checkId: 'safety_benchmarks', severity: 'high',
      outcome: { status: 'failed', measured: null, threshold: null, summary: 'x', details: {}, cases, failureCounts: { jailbreak: 40, pii: 2 } },
    }))
    await h.db.prisma.$transaction((tx) => insertCheckResult(tx, {
      promotionId: p.id, model: 'listed-b', tier: 'security', checkId: 'uncounted', severity: 'high',
      outcome: { status: 'failed', measured: null, threshold: null, summary: 'x', details: {}, cases: cases.slice(0, 1) },
    }))
    const get = async (q: string, checkId = 'safety_benchmarks') => (await h.request(viewer, { method: 'GET', url: `/v1/promotions/${p.id}/checks/${checkId}/cases${q}` })).json()
    expect(await get('')).toMatchObject({ category: null, total: 5, failures: 42, sampled: true })
    const jb = await get('?category=jailbreak&limit=2')
    expect(jb).toMatchObject({ category: 'jailbreak', total: 3, failures: 40, sampled: true })
    expect(jb.items.map((c: { category: string }) => c.category)).toEqual(['jailbreak', 'jailbreak'])
    const rest = await get(`?category=jailbreak&cursor=${jb.nextCursor}`)
    expect(rest.items.map((c: { input: string }) => c.input)).toEqual(['j2'])
    expect(await get('?category=pii')).toMatchObject({ total: 2, failures: 2, sampled: false })
    expect(await get('?category=toxicity')).toMatchObject({ total: 0, failures: 0, sampled: false, items: [] })
    expect(await get('', 'uncounted')).toMatchObject({ total: 1, failures: null, sampled: false })
  })
})

describe('the webhook worker and a disabled webhook', () => {
  it('drops deliveries queued before the webhook was disabled; sends again once enabled', async () => {
    const receiver = await startReceiver()
    try {
      const hook = (await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url: receiver.url, events: ['promotion.blocked'], secret: 'whsec-0123456789abcdef-worker' } })).json()
      // Queued while enabled, with no worker running yet.
      const queued = (await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${hook.id}/test` })).json()
      expect((await h.request(ADMIN_KEY, { method: 'PATCH', url: `/v1/webhooks/${hook.id}`, payload: { enabled: false } })).statusCode).toBe(200)
      await h.startWorker({ reconcile: false })
      const dropped = await eventually(async () => {
        const d = await h.db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: queued.deliveryId } })
        return d.status === 'failed' ? d : null
      })
      expect(dropped.lastError).toMatch(/disabled/)
      expect(receiver.received).toHaveLength(0)
      await h.request(ADMIN_KEY, { method: 'PATCH', url: `/v1/webhooks/${hook.id}`, payload: { enabled: true } })
      const sent = (await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${hook.id}/test` })).json()
      await eventually(async () => (await h.db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: sent.deliveryId } })).status === 'delivered')
      expect(receiver.received).toHaveLength(1)
    } finally {
      await receiver.close()
    }
  })
})
