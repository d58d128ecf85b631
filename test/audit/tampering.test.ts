// The database's owner rewrites the audit tables (triggers disabled): edits, deletes, inserts,
// truncates, recomputes hashes, even gets a restarted worker to sign the rewritten tree. A
// verifier holding an earlier signed checkpoint, and the service's own verification, report
// every one of these; honest growth verifies across checkpoints.
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import pg from 'pg'
import pino from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLeafHash, EVENT_COLUMNS, toRecord, type EventRow } from '../../src/audit/leaf.js'
import { createAuditIntegrator } from '../../src/audit/integrator.js'
import { createAuditLogKey } from '../../src/audit/log-key.js'
import { httpLogSource, noteVerifier, openCheckpoint, verifyInclusion, verifyLogAdvance, type LogSource } from '../../src/audit/merkle/index.js'
import { loadOrCreateSigningKey } from '../../src/provenance/signing-key.js'
import { ADMIN_KEY, eventually, startHarness, type Harness } from '../helpers/harness.js'

const checkpointFile = path.join(tmpdir(), `modelgate-checkpoints-${randomUUID()}.jsonl`)
let h: Harness
let owner: pg.Client
let viewer: string
let held: string
let models = 0

const source = (): LogSource => ({
  async latestCheckpoint() {
    const res = await h.request(viewer, { method: 'GET', url: '/v1/audit/checkpoint' })
    if (res.statusCode !== 200) throw new Error(`checkpoint: ${res.statusCode}`)
    return res.json().checkpoint
  },
  async consistencyProof(first, second) {
    const res = await h.request(viewer, { method: 'GET', url: `/v1/audit/proofs/consistency?from=${first}&to=${second}` })
    if (res.statusCode !== 200) throw new Error(`consistency proof: ${res.statusCode}`)
    return res.json().hashes.map((x: string) => Buffer.from(x, 'base64'))
  },
})
const logKey = async () => noteVerifier(h.config.auditOrigin, (await loadOrCreateSigningKey(h.config.signingKeyPath)).publicKeyPem)
const advance = async (previous: string) => verifyLogAdvance({ key: await logKey(), previous, source: source() })
const verify = async () => (await h.request(viewer, { method: 'GET', url: '/v1/audit/verify' })).json()
const integrateAll = () => eventually(async () => (await h.worker!.auditIntegrator.integrate(), (await verify()).pending === 0))
/** A worker process started afresh: no memory of what it signed before. */
const restartedIntegrator = () => createAuditIntegrator({ db: h.db, key: createAuditLogKey({ signingKeyPath: h.config.signingKeyPath, origin: h.config.auditOrigin }), batchSize: 1000, logger: pino({ level: 'silent' }) })

async function addEvents(n: number) {
  for (let i = 0; i < n; i++) {
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: `m${models++}`, kind: 'classifier', owner: 'o', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
    expect(res.statusCode).toBe(201)
  }
}

async function asOwner(statements: string) {
  await owner.query('BEGIN')
  for (const t of ['audit_events', 'audit_leaves', 'audit_checkpoints']) await owner.query(`ALTER TABLE ${t} DISABLE TRIGGER USER`)
  await owner.query(statements)
  for (const t of ['audit_events', 'audit_leaves', 'audit_checkpoints']) await owner.query(`ALTER TABLE ${t} ENABLE TRIGGER USER`)
  await owner.query('COMMIT')
}

/** Rewrites every leaf hash from the (tampered) rows and drops the signed checkpoints. */
async function recomputeTree() {
  const { rows } = await owner.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM audit_events e ORDER BY e.xact, e.seq`)
  await asOwner('TRUNCATE audit_leaves, audit_checkpoints')
  return rows.length
}

async function leafHashOf(seq: string): Promise<Buffer> {
  const { rows } = await owner.query<EventRow>(`SELECT ${EVENT_COLUMNS} FROM audit_events e WHERE e.seq = $1`, [seq])
  return auditLeafHash(toRecord(rows[0]!))
}

beforeAll(async () => {
  h = await startHarness({ worker: true, env: { MODELGATE_AUDIT_INTEGRATE_INTERVAL_MS: '3600000', MODELGATE_AUDIT_CHECKPOINT_FILE: checkpointFile } })
  viewer = await h.key('auditor', ['viewer'])
  await h.key('o', ['model_owner'])
  owner = new pg.Client({ connectionString: h.config.databaseUrl })
  await owner.connect()
  const hook = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1:9/audit', events: ['audit.checkpoint'], secret: 'a-webhook-secret-of-enough-length' } })
  expect(hook.statusCode, hook.body).toBe(201)
  await addEvents(12)
  await integrateAll()
  await addEvents(3)
  await integrateAll()
  held = (await source().latestCheckpoint())
  await owner.query('CREATE TABLE backup_events AS SELECT * FROM audit_events; CREATE TABLE backup_leaves AS SELECT * FROM audit_leaves; CREATE TABLE backup_checkpoints AS SELECT * FROM audit_checkpoints')
})
afterAll(async () => {
  await owner?.end()
  await h?.close()
})

// Each case starts from the intact log the verifier last saw.
beforeEach(async () => {
  await asOwner(`DELETE FROM audit_events; INSERT INTO audit_events SELECT * FROM backup_events;
    DELETE FROM audit_leaves; INSERT INTO audit_leaves SELECT * FROM backup_leaves;
    DELETE FROM audit_checkpoints; INSERT INTO audit_checkpoints SELECT * FROM backup_checkpoints`)
  // Restoring is itself a rollback as far as the running worker knows; start it afresh.
  await h.worker!.close()
  await h.startWorker()
  expect((await verify()).valid).toBe(true)
})

describe('a verifier holding an earlier signed checkpoint', () => {
  it('accepts honest growth across several checkpoints, and the checkpoint went out of the database', async () => {
    let previous = held
    for (let round = 0; round < 3; round++) {
      await addEvents(3 + round)
      await integrateAll()
      const v = await advance(previous)
      expect(v, JSON.stringify(v)).toMatchObject({ ok: true })
      if (v.ok) expect(v.checkpoint.size).toBeGreaterThan(openCheckpoint(previous, await logKey()).size)
      previous = v.ok ? v.note : previous
    }
    expect(await verify()).toMatchObject({ valid: true, pending: 0 })
    // The same verifier over real HTTP.
    await h.app.listen({ port: 0, host: '127.0.0.1' })
    const address = h.app.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    expect(await verifyLogAdvance({ key: await logKey(), previous: held, source: httpLogSource({ baseUrl: `http://127.0.0.1:${port}`, token: viewer }) })).toMatchObject({ ok: true })
    // Published: the append-only file and the webhook outbox hold every checkpoint.
    const lines = (await readFile(checkpointFile, 'utf8')).trim().split('\n').map((l) => JSON.parse(l))
    const sizes = lines.map((l) => l.treeSize)
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b))
    for (const l of lines) expect(openCheckpoint(l.checkpoint, await logKey()).size).toBe(l.treeSize)
    const deliveries = await h.db.prisma.webhookDelivery.findMany({ where: { event: 'audit.checkpoint' } })
    expect(deliveries.length).toBeGreaterThanOrEqual(4)
    expect(deliveries.map((d) => (d.payload as { data: { treeSize: number } }).data.treeSize)).toContain(sizes.at(-1))
  })

  it('an edited row: the service finds it, refuses to sign past it, and the event no longer proves included', async () => {
    const seq = (await owner.query<{ seq: string }>(`SELECT seq::text FROM audit_events WHERE action = 'model.registered' ORDER BY seq LIMIT 1 OFFSET 3`)).rows[0]!.seq
    await asOwner(`UPDATE audit_events SET actor = 'mallory' WHERE seq = ${seq}`)
    expect(await verify()).toMatchObject({ valid: false, brokenAt: seq, reason: expect.stringMatching(/edited/) })
    // With its leaf hash recomputed too, the tree no longer gives the signed root.
    await asOwner(`UPDATE audit_leaves SET leaf_hash = decode('${(await leafHashOf(seq)).toString('hex')}', 'hex') WHERE seq = ${seq}`)
    expect(await verify()).toMatchObject({ valid: false, reason: expect.stringMatching(/do not give the root signed/) })
    await addEvents(1)
    expect(await h.worker!.auditIntegrator.integrate()).toEqual([expect.objectContaining({ status: 'refused' })])
    expect(await restartedIntegrator().integrate()).toEqual([expect.objectContaining({ status: 'refused' })])
    const cp = openCheckpoint(held, await logKey())
    const proof = (await h.request(viewer, { method: 'GET', url: `/v1/audit/proofs/inclusion?seq=${seq}&treeSize=${cp.size}` })).json()
    expect(() => verifyInclusion(proof.leafIndex, cp.size, Buffer.from(proof.leafHash, 'base64'), proof.hashes.map((x: string) => Buffer.from(x, 'base64')), cp.root)).toThrow(/different root/)
  })

  it('rows deleted from the end with their leaves and checkpoints: the log shrank', async () => {
    const size = openCheckpoint(held, await logKey()).size
    await asOwner(`DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_leaves WHERE leaf_index >= ${size - 3});
      DELETE FROM audit_leaves WHERE leaf_index >= ${size - 3}; DELETE FROM audit_checkpoints WHERE tree_size > ${size - 3}`)
    // What remains is consistent with itself and with an earlier signed checkpoint...
    expect(await verify()).toMatchObject({ valid: true, treeSize: size - 3 })
    // ...but not with the checkpoint the verifier holds.
    expect(await advance(held)).toMatchObject({ ok: false, code: 'tree_shrank' })
  })

  it('without recomputed hashes, the service\'s own verification names the row', async () => {
    const seqs = (await owner.query<{ seq: string }>('SELECT seq::text FROM audit_leaves ORDER BY leaf_index')).rows.map((r) => r.seq)
    await asOwner(`DELETE FROM audit_events WHERE seq = ${seqs[4]}`)
    expect(await verify()).toMatchObject({ valid: false, brokenAt: seqs[4], reason: expect.stringMatching(/deleted/) })
    await asOwner('DELETE FROM audit_events; INSERT INTO audit_events SELECT * FROM backup_events')
    // Two rows swap places (their seqs): both leaves change.
    await asOwner(`UPDATE audit_events SET seq = -1 WHERE seq = ${seqs[2]}; UPDATE audit_events SET seq = ${seqs[2]} WHERE seq = ${seqs[3]}; UPDATE audit_events SET seq = ${seqs[3]} WHERE seq = -1`)
    expect(await verify()).toMatchObject({ valid: false, brokenAt: seqs[2] })
    await asOwner('DELETE FROM audit_events; INSERT INTO audit_events SELECT * FROM backup_events')
    // A forged row slipped in among integrated rows can never become a leaf.
    await asOwner(`INSERT INTO audit_events (seq, at, actor, action, data, xact) SELECT ${seqs[2]}::bigint * 1000 + 1, at, 'mallory', 'promotion.promoted', '{}', xact FROM audit_events WHERE seq = ${seqs[2]}`)
    expect(await verify()).toMatchObject({ valid: false, brokenAt: String(Number(seqs[2]) * 1000 + 1), reason: expect.stringMatching(/inserted afterwards/) })
  })

  for (const [name, rewrite] of [
    ['a deleted row', (seq: string) => `DELETE FROM audit_events WHERE seq = ${seq}`],
    ['an edited row', (seq: string) => `UPDATE audit_events SET data = '{"owner":"mallory"}' WHERE seq = ${seq}`],
    ['a forged row inserted in the middle', (seq: string) => `INSERT INTO audit_events (seq, at, actor, action, data, xact) SELECT ${seq}::bigint * 1000 + 1, at, 'mallory', 'promotion.promoted', '{}', xact FROM audit_events WHERE seq = ${seq}`],
    ['everything truncated and replaced by fewer rows', () => `TRUNCATE audit_events; INSERT INTO audit_events (at, actor, action, data) VALUES (now(), 'mallory', 'model.registered', '{}')`],
    ['everything truncated and replaced by more rows', () => `TRUNCATE audit_events; INSERT INTO audit_events (at, actor, action, data) SELECT now(), 'mallory', 'model.registered', '{}' FROM generate_series(1, 40)`],
  ] as const) {
    it(`${name}, hashes recomputed and the rewritten tree signed by a restarted worker: reported`, async () => {
      // The running worker signs once more, so it remembers a tree.
      await addEvents(1)
      await integrateAll()
      const seq = (await owner.query<{ seq: string }>(`SELECT seq::text FROM audit_events ORDER BY seq LIMIT 1 OFFSET 5`)).rows[0]!.seq
      await asOwner(rewrite(seq))
      await recomputeTree()
      await eventually(async () => {
        const r = await restartedIntegrator().integrate()
        return (await verify()).pending === 0 && r
      })
      // The database is self-consistent again and the service signed it...
      expect((await verify()).valid).toBe(true)
      // ...though not the worker that remembers what it signed before.
      expect(await h.worker!.auditIntegrator.integrate()).toEqual([expect.objectContaining({ status: 'refused' })])
      // ...but it is not an extension of what the verifier saw.
      const v = await advance(held)
      expect(v.ok, JSON.stringify(v)).toBe(false)
      if (!v.ok) expect(['inconsistent', 'tree_shrank']).toContain(v.code)
    })
  }

  it('a signed checkpoint cannot be forged or altered in the table', async () => {
    await addEvents(1)
    await integrateAll()
    const { rows } = await owner.query<{ tree_size: string; note: string }>('SELECT tree_size::text, note FROM audit_checkpoints ORDER BY audit_checkpoints.tree_size DESC LIMIT 1')
    await asOwner(`UPDATE audit_checkpoints SET note = replace(note, E'\\n${rows[0]!.tree_size}\\n', E'\\n${Number(rows[0]!.tree_size) + 5}\\n') WHERE tree_size = ${rows[0]!.tree_size}`)
    expect(await verify()).toMatchObject({ valid: false, reason: expect.stringMatching(/not signed by this service/) })
    expect(await advance(held)).toMatchObject({ ok: false, code: 'bad_signature' })
  })
})
