// Whether a database is ready for this version of the code: every committed migration
// applied, none failed, none edited since. The API and the worker ask before they start, so an
// unmigrated database is a one-line instruction rather than a query failing at first request.
import { errorCode, errorMessage, redact, UNDEFINED_DATABASE, withClient } from './database-admin.js'
import { compareHistory, readHistory } from './history.js'
import { MigrationError } from './migration-error.js'
import { readMigrationFiles } from './migration-files.js'
import { assertHistoryUsable } from './runner.js'

export const NOT_MIGRATED = 'database is not migrated: run npm run db:migrate'

/** Resolves when the database is fully migrated; otherwise rejects with a MigrationError. */
export async function assertMigrated(url: string, migrationsDir?: string): Promise<void> {
  const files = await readMigrationFiles(migrationsDir)
  let rows
  try {
    rows = await withClient(url, readHistory)
  } catch (error) {
    if (errorCode(error) === UNDEFINED_DATABASE) throw new MigrationError(`${NOT_MIGRATED} (${redact(url)} does not exist)`)
    throw new MigrationError(`cannot reach the database ${redact(url)}: ${errorMessage(error)}`)
  }
  const state = compareHistory(files, rows)
  assertHistoryUsable(state, url)
  if (state.pending.length > 0) {
    const first = state.pending[0]!.name
    throw new MigrationError(`${NOT_MIGRATED} (${state.pending.length} pending, first ${first})`)
  }
}
