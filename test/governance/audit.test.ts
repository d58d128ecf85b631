import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leafHash, noteVerifier, openCheckpoint, verifyConsistency, verifyInclusion } from '../../src/audit/merkle/index.js'
import { canonicalJson } from '../../src/domain/canonical-json.js'
import { loadOrCreateSigningKey } from '../../src/provenance/signing-key.js'
import { ADMIN_KEY, eventually, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, requestPromotion, settle } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
let viewer: string
let ci: string
let sql: pg.Client

beforeAll(async () => {
  // The scheduler stays out of the way; the tests run the integrator when they mean to.
  h = await startHarness({ worker: true, env: { MODELGATE_AUDIT_INTEGRATE_INTERVAL_MS: '3600000' } })
  viewer = await h.key('auditor', ['viewer'])
  ci = await h.key('ci', ['ci'])
  await registerModel(h, 'audited', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
  await settle(h, ci, await requestPromotion(h, ci, 'audited', '1.0.0', 'dev'))
  await settle(h, ci, await requestPromotion(h, ci, 'audited', '1.1.0', 'dev'))
  sql = new pg.Client({ connectionString: h.config.databaseUrl })
  await sql.connect()
})
afterAll(async () => {
  await sql?.end()
  await h?.close()
})

const get = async (url: string) => (await h.request(viewer, { method: 'GET', url })).json()
const verify = () => get('/v1/audit/verify')
const integrate = () => h.worker!.auditIntegrator.integrate()
// Integration waits for every older transaction on the server to end (other test files share
// it), so "everything" may take more than one run.
const integrateAll = () => eventually(async () => (await integrate(), (await verify()).pending === 0))
const b64 = (s: string) => Buffer.from(s, 'base64')
const logKey = async () => noteVerifier(h.config.auditOrigin, (await loadOrCreateSigningKey(h.config.signingKeyPath)).publicKeyPem)

describe('the audit trail', () => {
  it('records every event; the integrator makes them leaves of a tree whose signed checkpoint verifies', async () => {
    expect((await verify()).pending).toBeGreaterThan(0)
    expect((await integrate())[0]).toMatchObject({ status: 'integrated' })
    await integrateAll()
    const { items } = await get('/v1/audit?limit=100')
    const actions = items.map((e: { action: string }) => e.action)
    for (const a of ['api_key.created', 'model.registered', 'promotion.created', 'promotion.started', 'tier.started', 'check.recorded', 'tier.finished', 'promotion.promoted']) {
      expect(actions, a).toContain(a)
    }
    expect(items.every((e: { leafIndex: string | null }) => e.leafIndex !== null)).toBe(true)
    const cp = await get('/v1/audit/checkpoint')
    expect(cp.treeSize).toBe(items.length)
    const opened = openCheckpoint(cp.checkpoint, await logKey())
    expect(opened).toMatchObject({ origin: h.config.auditOrigin, size: items.length })
    expect(opened.root.toString('base64')).toBe(cp.rootHash)
    expect(cp.checkpoint).toMatch(new RegExp(`^${h.config.auditOrigin}\\n${items.length}\\n[A-Za-z0-9+/=]{44}\\ntime \\S+\\n\\n\u2014 ${h.config.auditOrigin} \\S+\\n$`))
    expect(await verify()).toEqual({ valid: true, events: items.length, treeSize: items.length, pending: 0 })
    // Nothing new: no new checkpoint.
    expect(await integrate()).toEqual([{ status: 'idle' }])
  })

  it('proves any event included, and each checkpoint consistent with every earlier one', async () => {
    const first = await get('/v1/audit/checkpoint')
    await settle(h, ci, await requestPromotion(h, ci, 'audited', '1.2.0', 'dev'))
    await integrateAll()
    const second = await get('/v1/audit/checkpoint')
    expect(second.treeSize).toBeGreaterThan(first.treeSize)
    const { items } = await get('/v1/audit?limit=100')
    for (const e of [items[0], items[7], items.at(-1)]) {
      const proof = await get(`/v1/audit/proofs/inclusion?seq=${e.seq}`)
      expect(proof.seq).toBe(e.seq)
      const { seq, leafIndex, promotionId, ...rest } = e
      const leaf = leafHash(Buffer.from(canonicalJson({ ...rest, promotionId, seq }), 'utf8'))
      expect(proof.leafHash).toBe(leaf.toString('base64'))
      verifyInclusion(proof.leafIndex, proof.treeSize, leaf, proof.hashes.map(b64), b64(second.rootHash))
      const byIndex = await get(`/v1/audit/proofs/inclusion?index=${Number(leafIndex)}&treeSize=${second.treeSize}`)
      expect(byIndex.hashes).toEqual(proof.hashes)
    }
    const c = await get(`/v1/audit/proofs/consistency?from=${first.treeSize}&to=${second.treeSize}`)
    verifyConsistency(first.treeSize, second.treeSize, b64(first.rootHash), b64(second.rootHash), c.hashes.map(b64))
    expect(() => verifyConsistency(first.treeSize, second.treeSize, b64(second.rootHash), b64(second.rootHash), c.hashes.map(b64))).toThrow()
    // Every stored checkpoint is consistent with the latest.
    const { rows } = await sql.query<{ tree_size: string; root_hash: Buffer }>('SELECT tree_size::text, root_hash FROM audit_checkpoints ORDER BY tree_size')
    expect(rows.length).toBeGreaterThanOrEqual(2)
    for (const r of rows) {
      const p = await get(`/v1/audit/proofs/consistency?from=${r.tree_size}`)
      verifyConsistency(Number(r.tree_size), second.treeSize, r.root_hash, b64(second.rootHash), p.hashes.map(b64))
    }
  })

  it('answers impossible proof requests with 4xx problems', async () => {
    const { treeSize } = await get('/v1/audit/checkpoint')
    expectProblem(await h.request(viewer, { method: 'GET', url: `/v1/audit/proofs/inclusion?index=${treeSize}` }), 422)
    expectProblem(await h.request(viewer, { method: 'GET', url: `/v1/audit/proofs/inclusion?index=0&treeSize=${treeSize + 1}` }), 422)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/audit/proofs/inclusion' }), 422)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/audit/proofs/inclusion?seq=999999999' }), 404)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/audit/proofs/inclusion?index=-1' }), 400)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/audit/proofs/inclusion?index=abc' }), 400)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/audit/proofs/consistency?from=99999999999999999999' }), 400)
    expectProblem(await h.request(viewer, { method: 'GET', url: `/v1/audit/proofs/consistency?from=2&to=1` }), 422)
    expectProblem(await h.request(viewer, { method: 'GET', url: `/v1/audit/proofs/consistency?from=1&to=${treeSize + 1}` }), 422)
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/audit/proofs/consistency' }), 400)
    expectProblem(await h.request(ci, { method: 'GET', url: '/v1/audit/checkpoint' }), 403)
    expectProblem(await h.request(null, { method: 'GET', url: '/v1/audit/proofs/consistency?from=1' }), 401)
  })

  it('never integrates past a row whose transaction may still commit', async () => {
    await h.key('late-owner', ['model_owner'])
    await integrateAll()
    // An open transaction appends first (lower seq) and commits last.
    const slow = new pg.Client({ connectionString: h.config.databaseUrl })
    await slow.connect()
    await slow.query('BEGIN')
    const { rows } = await slow.query<{ seq: string }>(`INSERT INTO audit_events (at, actor, action, data) VALUES (now(), 'slow', 'test.slow', '{}') RETURNING seq::text`)
    const slowSeq = rows[0]!.seq
    const registered = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'late-model', kind: 'classifier', owner: 'late-owner', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
    expect(registered.statusCode, registered.body).toBe(201)
    const fast = (await get('/v1/audit?action=model.registered&model=late-model')).items[0]
    expect(Number(fast.seq)).toBeGreaterThan(Number(slowSeq))
    const before = (await get('/v1/audit/checkpoint')).treeSize
    expect(await integrate()).toEqual([{ status: 'idle' }])
    expect((await get('/v1/audit/checkpoint')).treeSize).toBe(before)
    await slow.query('COMMIT')
    await slow.end()
    await integrateAll()
    const after = (await get('/v1/audit/checkpoint')).treeSize
    expect(after).toBe(before + 2)
    for (const seq of [slowSeq, fast.seq]) expect((await get(`/v1/audit/proofs/inclusion?seq=${seq}`)).leafIndex).toBeGreaterThanOrEqual(before)
    expect(await verify()).toMatchObject({ valid: true, pending: 0, events: after })
  })

  it('lets no one UPDATE, DELETE or TRUNCATE the audit tables through the triggers', async () => {
    for (const table of ['audit_events', 'audit_leaves', 'audit_checkpoints']) {
      await expect(sql.query(`UPDATE ${table} SET ${table === 'audit_events' ? "actor = 'mallory'" : table === 'audit_leaves' ? 'seq = seq' : "note = ''"}`)).rejects.toThrow(/append-only/)
      await expect(sql.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/)
      await expect(sql.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/)
    }
    expect((await verify()).valid).toBe(true)
  })

  it('lists with filters and pages by cursor', async () => {
    const promotionId = (await h.db.prisma.promotion.findFirstOrThrow({ where: { modelVersion: { version: '1.0.0' } } })).id
    const byPromotion = (await get(`/v1/audit?promotionId=${promotionId}`)).items
    expect(byPromotion.length).toBeGreaterThan(3)
    expect(byPromotion.every((e: { promotionId: string }) => e.promotionId === promotionId)).toBe(true)
    const byActor = (await get('/v1/audit?actor=ci&model=audited')).items
    expect(byActor.map((e: { action: string }) => e.action)).toEqual(['promotion.created', 'promotion.created', 'promotion.created'])
    expect((await get(`/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}`)).items).toEqual([])
    const page1 = await get('/v1/audit?limit=3')
    const page2 = await get(`/v1/audit?limit=3&cursor=${page1.nextCursor}`)
    expect(Number(page2.items[0].seq)).toBeGreaterThan(Number(page1.items[2].seq))
    expectProblem(await h.request(ci, { method: 'GET', url: '/v1/audit' }), 403)
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?cursor=abc' }), 400)
  })
})
