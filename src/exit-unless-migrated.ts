// The first thing the API and the worker do: against a database that is missing, unmigrated or
// behind the code, stop with one line saying what to run, instead of a query's stack trace.
import { MigrationError } from './store/migrations/migration-error.js'
import { assertMigrated } from './store/migrations/migration-state.js'

export async function exitUnlessMigrated(databaseUrl: string): Promise<void> {
  try {
    await assertMigrated(databaseUrl)
  } catch (error) {
    const text = error instanceof MigrationError ? error.message : `cannot check the database: ${error instanceof Error ? error.message : String(error)}`
    process.stderr.write(`${text}\n`)
    process.exit(1)
  }
}
