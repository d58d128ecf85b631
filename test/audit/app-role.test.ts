// The app's database role owns no table: it can append to the audit tables and read them,
// and nothing else there; it cannot disable their triggers. The service runs on it.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { grantAppRole, roleOf } from '../../src/store/migrations/app-role.js'
import { ADMIN_URL, createTestDatabase } from '../helpers/database.js'
import { ADMIN_KEY, eventually, startHarness, type Harness } from '../helpers/harness.js'

const role = `modelgate_app_${randomBytes(4).toString('hex')}`
let database: Awaited<ReturnType<typeof createTestDatabase>>
let appUrl: string
let app: pg.Client
let h: Harness | undefined

async function asAdmin(sql: string, url = ADMIN_URL) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(sql)
  } finally {
    await c.end()
  }
}

beforeAll(async () => {
  database = await createTestDatabase()
  await asAdmin(`CREATE ROLE "${role}" LOGIN`)
  await grantAppRole(database.url, role)
  const u = new URL(database.url)
  u.username = role
  appUrl = u.toString()
  app = new pg.Client({ connectionString: appUrl })
  await app.connect()
})
afterAll(async () => {
  await app?.end()
  await h?.close()
  await asAdmin(`DROP OWNED BY "${role}"`, database.url).catch(() => undefined)
  await database?.drop()
  await asAdmin(`DROP ROLE IF EXISTS "${role}"`)
})

describe('the app role', () => {
  it('appends and reads audit rows', async () => {
    expect(roleOf(appUrl)).toBe(role)
    await app.query(`INSERT INTO audit_events (at, actor, action, data) VALUES (now(), 'app', 'test.appended', '{}')`)
    expect((await app.query('SELECT count(*)::int AS n FROM audit_events')).rows[0].n).toBeGreaterThan(0)
  })

  it('cannot change, remove or truncate audit rows, nor disable the triggers, on any audit table', async () => {
    for (const table of ['audit_events', 'audit_leaves', 'audit_checkpoints']) {
      await expect(app.query(`UPDATE ${table} SET ${table === 'audit_leaves' ? 'seq = seq' : table === 'audit_events' ? "actor = 'mallory'" : "note = ''"}`), table).rejects.toThrow(/permission denied/)
      await expect(app.query(`DELETE FROM ${table}`), table).rejects.toThrow(/permission denied/)
      await expect(app.query(`TRUNCATE ${table}`), table).rejects.toThrow(/permission denied/)
      await expect(app.query(`ALTER TABLE ${table} DISABLE TRIGGER USER`), table).rejects.toThrow(/must be owner/)
      await expect(app.query(`DROP TABLE ${table}`), table).rejects.toThrow(/must be owner/)
    }
    await expect(app.query('ALTER TABLE promotions DISABLE TRIGGER ALL')).rejects.toThrow(/must be owner/)
    await expect(app.query('SELECT * FROM _prisma_migrations')).rejects.toThrow(/permission denied/)
  })

  it('is refused when it is a superuser, the owner itself, or missing', async () => {
    await expect(grantAppRole(database.url, 'postgres')).rejects.toThrow(/migration role itself|superuser/)
    await expect(grantAppRole(database.url, `${role}_missing`)).rejects.toThrow(/does not exist/)
  })

  it('runs the service: requests append events, the integrator signs checkpoints, verification holds', async () => {
    h = await startHarness({ env: { DATABASE_URL: appUrl, MODELGATE_AUDIT_INTEGRATE_INTERVAL_MS: '3600000' } })
    await h.startWorker({ reconcile: false })
    await h.key('o', ['model_owner'])
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'role-model', kind: 'classifier', owner: 'o', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
    expect(res.statusCode, res.body).toBe(201)
    await eventually(async () => {
      await h!.worker!.auditIntegrator.integrate()
      return (await h!.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit/verify' })).json().pending === 0
    })
    const verdict = (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit/verify' })).json()
    expect(verdict).toMatchObject({ valid: true, pending: 0 })
    expect(verdict.treeSize).toBeGreaterThanOrEqual(3)
  })
})
