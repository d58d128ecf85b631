// What a promotion has spent on evaluation, kept in Postgres so its budget holds across tiers,
// gate-job retries and workers: each tier starts its meter from the stored totals and adds what
// it spent. The first tier to evaluate creates the row; its started_at starts the wall clock.
import type { Database } from '../store/database.js'

export interface StoredUsage {
  startedAt: Date
  calls: number
  tokens: number
}

// The inserted row, or the one another tier created. DO UPDATE, not DO NOTHING: under
// concurrent first calls the losers wait for the winner's commit and then return its row (a
// DO NOTHING insert returns nothing, and a SELECT in the same statement reads the snapshot from
// before the winner committed, so it finds nothing either). The update changes no value.
const BEGIN_SQL = `
INSERT INTO evaluation_usage (promotion_id) VALUES ($1::uuid)
ON CONFLICT (promotion_id) DO UPDATE SET promotion_id = EXCLUDED.promotion_id
RETURNING started_at, calls, tokens`

/** The promotion's usage so far, created (and its wall clock started) on the first call. */
export async function beginEvaluationUsage(db: Database, promotionId: string): Promise<StoredUsage> {
  const { rows } = await db.pool.query<{ started_at: Date; calls: number; tokens: number }>(BEGIN_SQL, [promotionId])
  const row = rows[0]!
  return { startedAt: row.started_at, calls: Number(row.calls), tokens: Number(row.tokens) }
}

/** Adds what a tier spent since its last report. */
export async function addEvaluationUsage(db: Database, promotionId: string, spent: { calls: number; tokens: number }): Promise<void> {
  if (spent.calls === 0 && spent.tokens === 0) return
  await db.pool.query('UPDATE evaluation_usage SET calls = calls + $2, tokens = tokens + $3, updated_at = now() WHERE promotion_id = $1::uuid', [promotionId, spent.calls, spent.tokens])
}
