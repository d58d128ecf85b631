// What a leaf of the audit tree is: the canonical JSON of one event, its sequence number
// included, so a leaf names its row and any edit to the row changes the leaf hash.
import { canonicalJson } from '../domain/canonical-json.js'
import { leafHash, type Hash } from './merkle/index.js'

export interface AuditEventRecord {
  seq: string
  at: string
  actor: string
  action: string
  promotionId: string | null
  model: string | null
  data: unknown
}

export function auditLeaf(e: AuditEventRecord): Buffer {
  return Buffer.from(canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, promotionId: e.promotionId, model: e.model, data: e.data }), 'utf8')
}

export const auditLeafHash = (e: AuditEventRecord): Hash => leafHash(auditLeaf(e))

/** The columns every reader selects, so leaves are always rebuilt from the same shape. */
// Time and data come back as text, parsed here, so the leaf does not depend on which driver
// (pg or Prisma) read the row.
export const EVENT_COLUMNS = `e.seq::text AS seq, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, e.actor, e.action, e.promotion_id::text AS promotion_id, e.model, e.data::text AS data`

export interface EventRow {
  seq: string
  at: string
  actor: string
  action: string
  promotion_id: string | null
  model: string | null
  data: string
}

export const toRecord = (r: EventRow): AuditEventRecord => ({
  seq: String(r.seq),
  at: r.at,
  actor: r.actor,
  action: r.action,
  promotionId: r.promotion_id,
  model: r.model,
  data: JSON.parse(r.data) as unknown,
})
