import { randomBytes } from 'node:crypto'
import pg from 'pg'

const BASE = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres'
export const TEMPLATE_DB = 'modelgate_test_template'

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
  const name = `modelgate_test_${randomBytes(6).toString('hex')}`
  await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DB}"`))
  return {
    name,
    url: withDb(name),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  }
}
