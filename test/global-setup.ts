// Builds one migrated template database per test run; every test file then clones its own
// database from it (CREATE DATABASE … TEMPLATE), which takes milliseconds and isolates tests
// completely without mocking anything.
import pg from 'pg'
import { applyMigrations, ensureDatabase } from '../scripts/db.js'
import { ADMIN_URL, TEMPLATE_DB, withDb } from './helpers/database.js'

export default async function setup(): Promise<() => Promise<void>> {
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  try {
    const stale = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'modelgate_test_%'`)
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
  } finally {
    await admin.end()
  }
  const templateUrl = withDb(TEMPLATE_DB)
  await ensureDatabase(templateUrl)
  await applyMigrations(templateUrl)
  return async () => {}
}
