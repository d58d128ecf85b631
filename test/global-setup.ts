// Builds one migrated template database per test run; every test file then clones its own
// database from it (CREATE DATABASE … TEMPLATE), which takes milliseconds and isolates tests
// completely without mocking anything. Database names carry the run's start time, so two runs
// on one server never touch each other's databases, and leftovers of crashed runs are dropped
// once they are old.
import pg from 'pg'
import { ensureDatabase, runMigrations } from '../src/store/migrations/index.js'
import { ADMIN_URL, RUN_PREFIX_ENV, withDb } from './helpers/database.js'

const STALE_AFTER_S = 3 * 3600

export default async function setup(): Promise<() => Promise<void>> {
  const now = Math.floor(Date.now() / 1000)
  const prefix = `modelgate_test_${now}_${Math.random().toString(36).slice(2, 8)}`
  process.env[RUN_PREFIX_ENV] = prefix
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'modelgate_test_%'`)
    for (const { datname } of rows) {
      const started = Number(/^modelgate_test_(\d+)_/.exec(datname)?.[1] ?? 0)
      if (now - started > STALE_AFTER_S) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    }
  } finally {
    await admin.end()
  }
  const templateUrl = withDb(`${prefix}_template`)
  await ensureDatabase(templateUrl)
  await runMigrations(templateUrl)
  return async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL })
    await client.connect()
    try {
      await client.query(`DROP DATABASE IF EXISTS "${prefix}_template" WITH (FORCE)`)
    } finally {
      await client.end()
    }
  }
}
