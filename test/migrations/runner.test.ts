// The migration runner against a real Postgres: an empty database, a second run, two runs at
// once, and the histories it must refuse. Expected checksums are computed here from the files
// as the Prisma CLI computes them (sha256 of the file's bytes, 64 hex digits), independently of
// the runner's code.
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { assertMigrated, ensureDatabase, MIGRATE_LOCK_KEY, MIGRATIONS_DIR, runMigrations } from '../../src/store/migrations/index.js'
import { createEmptyDatabase, createTestDatabase, missingDatabaseUrl } from '../helpers/database.js'

const committed = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()

function cliChecksum(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex')
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end()
  }
}

interface Row {
  id: string
  migration_name: string
  checksum: string
  started_at: Date
  finished_at: Date | null
  rolled_back_at: Date | null
  logs: string | null
  applied_steps_count: number
}
const history = (url: string) => query<Row>(url, `SELECT * FROM "_prisma_migrations" ORDER BY "migration_name"`)

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})

async function emptyDb(): Promise<string> {
  const db = await createEmptyDatabase()
  cleanups.push(db.drop)
  return db.url
}

/** A database the runner already migrated: a clone of the run's template (test/global-setup.ts). */
async function migratedDb(): Promise<string> {
  const db = await createTestDatabase()
  cleanups.push(db.drop)
  return db.url
}

/** A private copy of the committed migrations, to tamper with. */
function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'modelgate-migrations-'))
  cpSync(MIGRATIONS_DIR, dir, { recursive: true })
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

describe('migration runner', () => {
  it('applies every committed migration to an empty database and records them as the Prisma CLI does', async () => {
    const url = await emptyDb()
    const result = await runMigrations(url)
    expect(result.applied).toEqual(committed)
    const rows = await history(url)
    expect(rows.map((r) => r.migration_name)).toEqual(committed)
    expect(rows.map((r) => r.checksum)).toEqual(committed.map((name) => cliChecksum(path.join(MIGRATIONS_DIR, name, 'migration.sql'))))
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(row.finished_at).not.toBeNull()
      expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime())
      expect(row.rolled_back_at).toBeNull()
      expect(row.logs).toBeNull()
      expect(row.applied_steps_count).toBe(1)
    }
    // The schema is really there, not only the history.
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`)
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(['_prisma_migrations', 'promotions', 'audit_events']))
    await expect(assertMigrated(url)).resolves.toBeUndefined()
  })

  it('does nothing the second time', async () => {
    const url = await migratedDb()
    const before = await history(url)
    const again = await runMigrations(url)
    expect(again).toEqual({ applied: [], known: committed.length })
    expect(await history(url)).toEqual(before)
  })

  it('creates a missing database first (ensureDatabase), and only once', async () => {
    const missing = missingDatabaseUrl()
    cleanups.push(missing.drop)
    expect(await ensureDatabase(missing.url)).toBe(true)
    expect(await ensureDatabase(missing.url)).toBe(false)
    expect((await runMigrations(missing.url)).applied).toEqual(committed)
  })

  it('serialises concurrent runs on the advisory lock: each migration is applied exactly once', async () => {
    const url = await emptyDb()
    const results = await Promise.all([runMigrations(url), runMigrations(url), runMigrations(url)])
    const applied = results.flatMap((r) => r.applied)
    expect(applied.sort()).toEqual(committed)
    expect((await history(url)).map((r) => r.migration_name)).toEqual(committed)
  })

  it('waits while another holder has the lock, and gives up with a clear message after its timeout', async () => {
    const url = await emptyDb()
    const holder = new pg.Client({ connectionString: url })
    await holder.connect()
    cleanups.push(() => holder.end())
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY])

    await expect(runMigrations(url, { lockTimeoutMs: 300 })).rejects.toThrow(/migration lock/)

    const waiting = runMigrations(url)
    await new Promise((resolve) => setTimeout(resolve, 500))
    // Nothing happened while the lock was held: not even the history table exists.
    expect((await query<{ t: string | null }>(url, `SELECT to_regclass('"_prisma_migrations"')::text AS t`))[0]!.t).toBeNull()
    await holder.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY])
    expect((await waiting).applied).toEqual(committed)
  })

  it('refuses to run when an applied migration was edited afterwards, and so does the start-up check', async () => {
    const url = await migratedDb()
    const dir = copyOfMigrations()
    const file = path.join(dir, committed[1]!, 'migration.sql')
    writeFileSync(file, readFileSync(file, 'utf8') + '\nDROP TABLE IF EXISTS "audit_events";\n')
    // A new migration is waiting as well: none of it may run.
    mkdirSync(path.join(dir, '99990101000000_after_tamper'))
    writeFileSync(path.join(dir, '99990101000000_after_tamper', 'migration.sql'), 'CREATE TABLE "after_tamper" ("id" INTEGER);\n')

    await expect(runMigrations(url, { migrationsDir: dir })).rejects.toThrow(new RegExp(`changed on disk.*${committed[1]}`))
    await expect(assertMigrated(url, dir)).rejects.toThrow(new RegExp(committed[1]!))
    expect((await query(url, `SELECT to_regclass('"after_tamper"')::text AS t`))[0]).toEqual({ t: null })
  })

  it('accepts an applied migration whose line endings git converted, and a checksum in the engine\'s old unpadded format', async () => {
    const url = await migratedDb()
    const dir = copyOfMigrations()
    const file = path.join(dir, committed[0]!, 'migration.sql')
    writeFileSync(file, readFileSync(file, 'utf8').replaceAll('\n', '\r\n'))
    // Early engines dropped the leading zero of every byte below 0x10.
    const name = committed[2]!
    const digest = createHash('sha256').update(readFileSync(path.join(dir, name, 'migration.sql'))).digest()
    const unpadded = [...digest].map((b) => b.toString(16)).join('')
    expect(unpadded.length).toBeLessThan(64)
    await query(url, `UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`, [unpadded, name])
    expect(await runMigrations(url, { migrationsDir: dir })).toEqual({ applied: [], known: committed.length })

    // …but an unpadded checksum of other content is still a modification.
    const wrong = [...createHash('sha256').update('something else').digest()].map((b) => b.toString(16)).join('')
    await query(url, `UPDATE "_prisma_migrations" SET "checksum" = $1 WHERE "migration_name" = $2`, [wrong, name])
    await expect(runMigrations(url, { migrationsDir: dir })).rejects.toThrow(/changed on disk/)
  })

  it('refuses a history with a failed migration until it is marked rolled back, then applies it again', async () => {
    const url = await migratedDb()
    const last = committed.at(-1)!
    // What the CLI leaves after a failure: the row without finished_at, its error in logs.
    await query(url, `UPDATE "_prisma_migrations" SET "finished_at" = NULL, "logs" = 'relation already exists' WHERE "migration_name" = $1`, [last])
    await expect(runMigrations(url)).rejects.toThrow(new RegExp(`${last} is recorded as failed.*relation already exists`))
    await expect(assertMigrated(url)).rejects.toThrow(/recorded as failed/)

    // Rolled back by hand (and its objects removed): the runner applies it anew.
    await query(url, `UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = $1`, [last])
    const dir = copyOfMigrations()
    rmSync(path.join(dir, last), { recursive: true })
    const fresh = await emptyDb()
    await runMigrations(fresh, { migrationsDir: dir })
    await query(fresh, `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "rolled_back_at") VALUES ('00000000-0000-4000-8000-000000000000', 'x', $1, now(), now())`, [last])
    expect((await runMigrations(fresh)).applied).toEqual([last])
    const rows = (await history(fresh)).filter((r) => r.migration_name === last)
    expect(rows.map((r) => r.rolled_back_at === null).sort()).toEqual([false, true])
  })

  it('rolls a failing migration back completely and records nothing for it', async () => {
    const url = await migratedDb()
    const dir = copyOfMigrations()
    const broken = '99990101000000_broken'
    mkdirSync(path.join(dir, broken))
    writeFileSync(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT 1 / 0;\n')
    await expect(runMigrations(url, { migrationsDir: dir })).rejects.toThrow(/migration 99990101000000_broken failed and was rolled back.*division by zero/)
    expect((await history(url)).map((r) => r.migration_name)).toEqual(committed)
    expect((await query(url, `SELECT to_regclass('"half_done"')::text AS t`))[0]).toEqual({ t: null })
    await expect(assertMigrated(url, dir)).rejects.toThrow(/database is not migrated: run npm run db:migrate \(1 pending, first 99990101000000_broken\)/)
  })

  it('runs a migration with a dollar-quoted function body as one script', async () => {
    const url = await migratedDb()
    const dir = copyOfMigrations()
    const name = '99990101000000_function'
    mkdirSync(path.join(dir, name))
    writeFileSync(path.join(dir, name, 'migration.sql'), `CREATE FUNCTION "one_two"() RETURNS TEXT AS $$ BEGIN RETURN 'one; two'; END; $$ LANGUAGE plpgsql;\n`)
    await runMigrations(url, { migrationsDir: dir })
    expect(await query(url, 'SELECT "one_two"() AS v')).toEqual([{ v: 'one; two' }])
  })
})

afterAll(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn()
})
