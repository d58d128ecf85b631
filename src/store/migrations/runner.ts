// Applies the committed migrations the database has not recorded yet, as `prisma migrate
// deploy` does, over `pg` alone: an advisory lock (the CLI's own key, so this runner and the
// CLI also exclude each other), then each file in its own transaction together with its row
// in `_prisma_migrations`. A file that fails leaves nothing behind, neither its changes nor a
// row, so fixing it and running again is all it takes.
import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import { errorCode, errorMessage, redact, withClient } from './database-admin.js'
import { compareHistory, HISTORY_TABLE_DDL, readHistory, type HistoryState } from './history.js'
import { MigrationError } from './migration-error.js'
import { readMigrationFiles, type MigrationFile } from './migration-files.js'

/** The advisory lock key Prisma's schema engine takes for every migrate command. */
export const MIGRATE_LOCK_KEY = 72707369
const LOCK_NOT_AVAILABLE = '55P03'

export interface RunnerOptions {
  migrationsDir?: string
  /** How long to wait for another runner to finish; the CLI waits 10 s. */
  lockTimeoutMs?: number
  onApplied?: (name: string, ms: number) => void
}

export interface RunnerResult {
  applied: string[]
  known: number
}

/** Refuses a history the CLI would refuse (a failed migration) or that no longer matches the files. */
export function assertHistoryUsable(state: HistoryState, url: string): void {
  const failed = state.failed[0]
  if (failed !== undefined) {
    throw new MigrationError(
      `migration ${failed.migration_name} is recorded as failed in ${redact(url)}` +
        (failed.logs ? ` (${failed.logs.trim().split('\n')[0]})` : '') +
        `. Check what it left behind, then mark it rolled back with ` +
        `UPDATE "_prisma_migrations" SET "rolled_back_at" = now() WHERE "migration_name" = '${failed.migration_name}' AND "finished_at" IS NULL; ` +
        `(or \`prisma migrate resolve --rolled-back ${failed.migration_name}\`) and migrate again`,
    )
  }
  if (state.modified.length > 0) {
    throw new MigrationError(
      `applied migration(s) changed on disk since they were applied to ${redact(url)}: ${state.modified.join(', ')}. ` +
        `An applied migration must never be edited: restore the file and put the change in a new migration`,
    )
  }
}

async function lock(client: pg.Client, timeoutMs: number): Promise<void> {
  // lock_timeout bounds the wait for an advisory lock as for any other lock.
  await client.query(`SET lock_timeout = ${Math.max(1, Math.round(timeoutMs))}`)
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATE_LOCK_KEY])
  } catch (error) {
    if (errorCode(error) === LOCK_NOT_AVAILABLE) {
      throw new MigrationError(`another migration run has held the migration lock for over ${timeoutMs} ms; try again when it has finished`)
    }
    throw error
  }
  await client.query('RESET lock_timeout')
}

async function applyOne(client: pg.Client, migration: MigrationFile): Promise<void> {
  await client.query('BEGIN')
  try {
    // No parameters, so pg sends the file as one simple-protocol query: several statements
    // and `$$ … ; … $$` bodies run as written.
    await client.query(migration.script)
    await client.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "started_at", "finished_at", "applied_steps_count")
       VALUES ($1, $2, $3, now(), clock_timestamp(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    const position = (error as { position?: unknown }).position
    const where = typeof position === 'string' ? ` (at character ${position} of migration.sql)` : ''
    throw new MigrationError(`migration ${migration.name} failed and was rolled back${where}: ${errorMessage(error)}`)
  }
}

/** Applies the pending migrations to the database in `url`, which must exist (ensureDatabase). */
export async function runMigrations(url: string, options: RunnerOptions = {}): Promise<RunnerResult> {
  const files = await readMigrationFiles(options.migrationsDir)
  const run = async (client: pg.Client): Promise<RunnerResult> => {
    await lock(client, options.lockTimeoutMs ?? 60_000)
    try {
      await client.query(HISTORY_TABLE_DDL)
      const state = compareHistory(files, await readHistory(client))
      assertHistoryUsable(state, url)
      const applied: string[] = []
      for (const migration of state.pending) {
        const started = performance.now()
        await applyOne(client, migration)
        applied.push(migration.name)
        options.onApplied?.(migration.name, Math.round(performance.now() - started))
      }
      return { applied, known: files.length }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATE_LOCK_KEY]).catch(() => undefined)
    }
  }
  return withClient(url, run).catch((error: unknown) => {
    if (error instanceof MigrationError) throw error
    throw new MigrationError(`${redact(url)}: ${errorMessage(error)}`)
  })
}
