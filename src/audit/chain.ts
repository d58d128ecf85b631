// The audit chain's hash rule, pure so that appending and verifying share one definition.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../domain/canonical-json.js'

export const GENESIS_HASH = '0'.repeat(64)

export interface AuditPayload {
  at: string
  actor: string
  action: string
  promotionId: string | null
  model: string | null
  data: unknown
}

export function auditHash(prevHash: string, event: AuditPayload): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(event)).digest('hex')
}

export interface StoredAuditRow extends AuditPayload {
  seq: string
  prevHash: string
  hash: string
}

export type ChainVerdict = { valid: true; events: number; lastHash: string } | { valid: false; events: number; brokenAt: string; reason: string }

/**
 * Walks rows in sequence order. An edited row fails its own hash; a deleted or inserted row
 * breaks the link to its neighbour; a reordered pair breaks both.
 */
export function verifyChain(rows: Iterable<StoredAuditRow>, startHash = GENESIS_HASH): ChainVerdict {
  let prev = startHash
  let count = 0
  for (const row of rows) {
    count++
    if (row.prevHash !== prev) {
      return { valid: false, events: count, brokenAt: row.seq, reason: 'previous-hash link does not match the row before it (a row was deleted, inserted or reordered)' }
    }
    const { seq: _seq, prevHash: _p, hash, ...payload } = row
    if (auditHash(prev, payload) !== hash) {
      return { valid: false, events: count, brokenAt: row.seq, reason: 'row content does not match its hash (the row was edited)' }
    }
    prev = hash
  }
  return { valid: true, events: count, lastHash: prev }
}
