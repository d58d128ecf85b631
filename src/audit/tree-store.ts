// Reads of the audit tree's tables, shared by the integrator, the proofs and verification.
import type pg from 'pg'
import { EVENT_COLUMNS, toRecord, type AuditEventRecord, type EventRow } from './leaf.js'

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient

export interface StoredCheckpoint {
  treeSize: number
  root: Buffer
  note: string
  createdAt: Date
}

interface CheckpointRow {
  tree_size: string
  root_hash: Buffer
  note: string
  created_at: Date
}

const toCheckpoint = (r: CheckpointRow): StoredCheckpoint => ({ treeSize: Number(r.tree_size), root: r.root_hash, note: r.note, createdAt: r.created_at })

export async function latestCheckpoint(q: Queryable): Promise<StoredCheckpoint | null> {
  const { rows } = await q.query<CheckpointRow>('SELECT tree_size::text, root_hash, note, created_at FROM audit_checkpoints ORDER BY audit_checkpoints.tree_size DESC LIMIT 1')
  return rows[0] ? toCheckpoint(rows[0]) : null
}

export async function allCheckpoints(q: Queryable): Promise<StoredCheckpoint[]> {
  const { rows } = await q.query<CheckpointRow>('SELECT tree_size::text, root_hash, note, created_at FROM audit_checkpoints ORDER BY audit_checkpoints.tree_size ASC')
  return rows.map(toCheckpoint)
}

/** Leaf hashes 0..size-1 in tree order; fewer if rows are missing (the caller checks). */
export async function leafHashes(q: Queryable, size: number): Promise<Buffer[]> {
  const { rows } = await q.query<{ leaf_hash: Buffer }>('SELECT leaf_hash FROM audit_leaves WHERE leaf_index < $1::bigint ORDER BY leaf_index', [size])
  return rows.map((r) => r.leaf_hash)
}

export interface LeafWithEvent {
  leafIndex: number
  seq: string
  leafHash: Buffer
  event: AuditEventRecord | null
}

/** Leaves from `from` in tree order, each with its event row (null if the row is gone). */
export async function leavesWithEvents(q: Queryable, from: number, limit: number): Promise<LeafWithEvent[]> {
  const { rows } = await q.query<EventRow & { leaf_index: string; leaf_seq: string; leaf_hash: Buffer; present: boolean }>(
    `SELECT l.leaf_index::text, l.seq::text AS leaf_seq, l.leaf_hash, e.seq IS NOT NULL AS present, ${EVENT_COLUMNS}
     FROM audit_leaves l LEFT JOIN audit_events e ON e.seq = l.seq
     WHERE l.leaf_index >= $1::bigint ORDER BY l.leaf_index LIMIT $2`,
    [from, limit],
  )
  return rows.map((r) => ({ leafIndex: Number(r.leaf_index), seq: r.leaf_seq, leafHash: r.leaf_hash, event: r.present ? toRecord(r) : null }))
}
