import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, requestPromotion, settle } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
let viewer: string
let ci: string
let sql: pg.Client

beforeAll(async () => {
  h = await startHarness({ worker: true })
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

const verify = async () => (await h.request(viewer, { method: 'GET', url: '/v1/audit/verify' })).json()

describe('the audit trail', () => {
  it('records every event with a hash chain that verifies', async () => {
    const res = await h.request(viewer, { method: 'GET', url: '/v1/audit?limit=100' })
    expect(res.statusCode).toBe(200)
    const { items } = res.json()
    const actions = items.map((e: { action: string }) => e.action)
    for (const a of ['api_key.created', 'model.registered', 'promotion.created', 'promotion.started', 'tier.started', 'check.recorded', 'tier.finished', 'promotion.promoted']) {
      expect(actions, a).toContain(a)
    }
    for (let i = 1; i < items.length; i++) expect(items[i].prevHash).toBe(items[i - 1].hash)
    expect(await verify()).toEqual({ valid: true, events: items.length })
  })

  it('filters by promotion, model, actor and time, and pages by cursor', async () => {
    const promotionId = (await h.db.prisma.promotion.findFirstOrThrow({ where: { modelVersion: { version: '1.0.0' } } })).id
    const byPromotion = (await h.request(viewer, { method: 'GET', url: `/v1/audit?promotionId=${promotionId}` })).json().items
    expect(byPromotion.length).toBeGreaterThan(3)
    expect(byPromotion.every((e: { promotionId: string }) => e.promotionId === promotionId)).toBe(true)
    const byActor = (await h.request(viewer, { method: 'GET', url: '/v1/audit?actor=ci&model=audited' })).json().items
    expect(byActor.map((e: { action: string }) => e.action)).toEqual(['promotion.created', 'promotion.created'])
    const future = (await h.request(viewer, { method: 'GET', url: `/v1/audit?from=${new Date(Date.now() + 60_000).toISOString()}` })).json().items
    expect(future).toEqual([])
    const page1 = (await h.request(viewer, { method: 'GET', url: '/v1/audit?limit=3' })).json()
    const page2 = (await h.request(viewer, { method: 'GET', url: `/v1/audit?limit=3&cursor=${page1.nextCursor}` })).json()
    expect(Number(page2.items[0].seq)).toBeGreaterThan(Number(page1.items[2].seq))
    expectProblem(await h.request(ci, { method: 'GET', url: '/v1/audit' }), 403)
  })

  it('is refused UPDATE, DELETE and TRUNCATE by the database itself', async () => {
    await expect(sql.query(`UPDATE audit_events SET actor = 'mallory' WHERE seq = (SELECT min(seq) FROM audit_events)`)).rejects.toThrow(/append-only/)
    await expect(sql.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/)
    await expect(sql.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/)
    expect((await verify()).valid).toBe(true)
  })

  // The table owner can disable the trigger; verification is what catches them then.
  async function tamper(statement: string) {
    await sql.query('BEGIN')
    await sql.query('ALTER TABLE audit_events DISABLE TRIGGER USER')
    await sql.query(statement)
    await sql.query('ALTER TABLE audit_events ENABLE TRIGGER USER')
    await sql.query('COMMIT')
  }

  it('finds an edited row and says where', async () => {
    const { rows } = await sql.query<{ seq: string }>(`SELECT seq::text FROM audit_events WHERE action = 'promotion.promoted' ORDER BY seq LIMIT 1`)
    const seq = rows[0]!.seq
    await tamper(`UPDATE audit_events SET data = jsonb_set(data, '{to}', '"prod"') WHERE seq = ${seq}`)
    expect(await verify()).toMatchObject({ valid: false, brokenAt: seq, reason: expect.stringMatching(/edited/) })
    await tamper(`UPDATE audit_events SET data = jsonb_set(data, '{to}', '"dev"') WHERE seq = ${seq}`)
    expect((await verify()).valid).toBe(true)
  })

  it('finds a deleted row, a reordered pair, and rows removed from the end', async () => {
    const seqs = (await sql.query<{ seq: string }>('SELECT seq::text FROM audit_events ORDER BY seq')).rows.map((r) => r.seq)
    // Work on a copy so each case starts from an intact chain.
    await sql.query('CREATE TEMP TABLE audit_backup AS SELECT * FROM audit_events')
    const restore = () => tamper('DELETE FROM audit_events; INSERT INTO audit_events SELECT * FROM audit_backup')

    await tamper(`DELETE FROM audit_events WHERE seq = ${seqs[5]}`)
    expect(await verify()).toMatchObject({ valid: false, brokenAt: seqs[6] })
    await restore()
    expect((await verify()).valid).toBe(true)

    await tamper(`UPDATE audit_events SET seq = -1 WHERE seq = ${seqs[3]}; UPDATE audit_events SET seq = ${seqs[3]} WHERE seq = ${seqs[4]}; UPDATE audit_events SET seq = ${seqs[4]} WHERE seq = -1`)
    expect(await verify()).toMatchObject({ valid: false, brokenAt: seqs[3] })
    await restore()

    await tamper(`DELETE FROM audit_events WHERE seq >= ${seqs.at(-2)}`)
    expect(await verify()).toMatchObject({ valid: false, reason: expect.stringMatching(/does not end at the recorded head/) })
    await restore()
    expect((await verify()).valid).toBe(true)
  })

  it('finds a forged row inserted into the chain', async () => {
    const { rows } = await sql.query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM audit_events ORDER BY seq LIMIT 1 OFFSET 2')
    await tamper(`INSERT INTO audit_events (seq, at, actor, action, data, prev_hash, hash) VALUES (${rows[0]!.seq}::bigint * 1000 + 1, now(), 'mallory', 'promotion.promoted', '{}', '${rows[0]!.hash}', '${'f'.repeat(64)}')`)
    const v = await verify()
    expect(v.valid).toBe(false)
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?cursor=abc' }), 400)
  })
})
