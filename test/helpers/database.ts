import { randomBytes } from 'node:crypto'
import pg from 'pg'

const BASE = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
/** Set by the global setup: the prefix of this run's databases. */
export const RUN_PREFIX_ENV = 'MODELGATE_TEST_RUN_PREFIX'

export function withDb(name: string): string {
  const u = new URL(BASE)
  u.pathname = `/${name}`
  return u.toString()
}

export const ADMIN_URL = withDb('postgres')

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const prefix = process.env[RUN_PREFIX_ENV]
  if (!prefix) throw new Error('the test global setup did not run (vitest.config.ts globalSetup)')
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${prefix}_template"`))
  return {
    name,
    url: withDb(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  }
}

/** A new database with nothing in it (no migrations), named under this run's prefix. */
export async function createEmptyDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const prefix = process.env[RUN_PREFIX_ENV]
  if (!prefix) throw new Error('the test global setup did not run (vitest.config.ts globalSetup)')
  const name = `${prefix}_empty_${randomBytes(6).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE "${name}"`))
  return {
    name,
    url: withDb(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  }
}

/** A database name under this run's prefix that does not exist (yet). */
export function missingDatabaseUrl(): { url: string; drop(): Promise<void> } {
  const prefix = process.env[RUN_PREFIX_ENV]
  if (!prefix) throw new Error('the test global setup did not run (vitest.config.ts globalSetup)')
  const name = `${prefix}_missing_${randomBytes(6).toString('hex')}`
  return { url: withDb(name), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined) }
}
