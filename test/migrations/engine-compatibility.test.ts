// The runner and Prisma's own schema engine (the wasm build, a devDependency used to author
// migrations) must leave interchangeable databases: the same history rows, the same history
// table, the same schema; either can continue where the other stopped. And the committed
// migrations must build exactly what prisma/schema.prisma describes.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyMigrationsWithEngine, diffSchema } from '../../scripts/author-migration.js'
import { assertMigrated, runMigrations } from '../../src/store/migrations/index.js'
import { createEmptyDatabase } from '../helpers/database.js'

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(sql)).rows
  } finally {
    await client.end()
  }
}

/** The schema as the catalog describes it: columns, constraints, indexes, triggers, functions. */
async function describeSchema(url: string): Promise<Record<string, unknown[]>> {
  return {
    columns: await query(url, `SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
                                 FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`),
    constraints: await query(url, `SELECT conrelid::regclass::text AS table, conname, pg_get_constraintdef(oid) AS def
                                     FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
    indexes: await query(url, `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
    triggers: await query(url, `SELECT tgrelid::regclass::text AS table, tgname, pg_get_triggerdef(oid) AS def
                                  FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
    functions: await query(url, `SELECT proname, pg_get_functiondef(oid) AS def FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`),
  }
}

const history = (url: string) =>
  query<{ migration_name: string; checksum: string; applied_steps_count: number; logs: string | null; finished: boolean; rolled_back: boolean }>(
    url,
    `SELECT "migration_name", "checksum", "applied_steps_count", "logs", "finished_at" IS NOT NULL AS finished, "rolled_back_at" IS NOT NULL AS rolled_back
       FROM "_prisma_migrations" ORDER BY "migration_name"`,
  )

describe('runner and Prisma schema engine', () => {
  const dbs: Array<{ url: string; drop(): Promise<void> }> = []
  let byEngine: string
  let byRunner: string

  beforeAll(async () => {
    const a = await createEmptyDatabase()
    const b = await createEmptyDatabase()
    dbs.push(a, b)
    byEngine = a.url
    byRunner = b.url
    await applyMigrationsWithEngine(byEngine)
    await runMigrations(byRunner)
  })

  afterAll(async () => {
    for (const db of dbs) await db.drop()
  })

  it('record the same history: names, checksums, step counts, finished', async () => {
    const engine = await history(byEngine)
    expect(engine.length).toBeGreaterThan(0)
    expect(await history(byRunner)).toEqual(engine)
  })

  it('create the same history table and the same schema', async () => {
    expect(await describeSchema(byRunner)).toEqual(await describeSchema(byEngine))
  })

  it('continue each other: the runner finds nothing to do on a database the engine migrated, and the reverse', async () => {
    await expect(assertMigrated(byEngine)).resolves.toBeUndefined()
    expect((await runMigrations(byEngine)).applied).toEqual([])
    expect(await applyMigrationsWithEngine(byRunner)).toEqual([])
  })

  it('the committed migrations build exactly prisma/schema.prisma: the authoring diff is empty', async () => {
    expect(await diffSchema(byRunner)).toBe('')
  })
})
