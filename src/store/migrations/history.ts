// `_prisma_migrations`, the history table the Prisma CLI keeps: same DDL, same rows, so either
// tool can continue where the other stopped.
import type pg from 'pg'
import { checksumMatches } from './checksum.js'
import type { MigrationFile } from './migration-files.js'

export const HISTORY_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`

export interface HistoryRow {
  migration_name: string
  checksum: string
  finished_at: Date | null
  rolled_back_at: Date | null
  started_at: Date
  logs: string | null
}

/** The recorded history, oldest first; empty when the table does not exist yet. */
export async function readHistory(client: pg.Client): Promise<HistoryRow[]> {
  const exists = await client.query<{ table: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS "table"`)
  if (exists.rows[0]?.table == null) return []
  const { rows } = await client.query<HistoryRow>(
    `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "started_at", "logs"
       FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`,
  )
  return rows
}

export interface HistoryState {
  /** Migrations on disk not yet applied, in the order they apply. */
  pending: MigrationFile[]
  /** Started and neither finished nor marked rolled back: the CLI's "failed migrations". */
  failed: HistoryRow[]
  /** Applied, but the file on disk no longer has the checksum recorded then. */
  modified: string[]
}

export function compareHistory(files: MigrationFile[], rows: HistoryRow[]): HistoryState {
  // A row marked rolled back no longer counts as applied, as in `prisma migrate deploy`.
  const live = rows.filter((r) => r.rolled_back_at === null)
  const applied = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r]))
  const recorded = new Set(live.map((r) => r.migration_name))
  return {
    pending: files.filter((f) => !recorded.has(f.name)),
    failed: live.filter((r) => r.finished_at === null),
    modified: files.filter((f) => {
      const row = applied.get(f.name)
      return row !== undefined && !checksumMatches(f.script, row.checksum)
    }).map((f) => f.name),
  }
}
