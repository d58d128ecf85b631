// Appends audit events inside the caller's transaction, so an event exists exactly when the
// change it records does. A transaction-scoped advisory lock serialises appends: the chain
// never forks, and sequence order equals chain order because the lock is held to commit.
import type { Tx } from '../store/database.js'
import { auditHash, GENESIS_HASH, type AuditPayload } from './chain.js'

// Any constant works; it only has to be the same for every appender.
const AUDIT_LOCK_KEY = 0x6d6f64656c

export interface AuditEventInput {
  actor: string
  action: string
  promotionId?: string | null
  model?: string | null
  data?: Record<string, unknown>
}

export async function appendAudit(tx: Tx, input: AuditEventInput | AuditEventInput[]): Promise<void> {
  const events = Array.isArray(input) ? input : [input]
  if (events.length === 0) return
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`)
  // The chain continues from the recorded head, not from whatever row is last now: if rows
  // were removed from the end, the next append does not paper over the gap.
  const head = await tx.auditHead.findUnique({ where: { id: 1 }, select: { hash: true } })
  let prev = head?.hash ?? GENESIS_HASH
  const at = new Date()
  for (const e of events) {
    const payload: AuditPayload = {
      at: at.toISOString(),
      actor: e.actor,
      action: e.action,
      promotionId: e.promotionId ?? null,
      model: e.model ?? null,
      data: JSON.parse(JSON.stringify(e.data ?? {})),
    }
    const hash = auditHash(prev, payload)
    // The event and the new head in one statement: the lock is held until commit, so every
    // round trip spent here is time every other writer waits.
    await tx.$executeRawUnsafe(
      `WITH e AS (
         INSERT INTO audit_events (at, actor, action, promotion_id, model, data, prev_hash, hash)
         VALUES ($1::timestamptz, $2, $3, $4::uuid, $5, $6::jsonb, $7, $8) RETURNING seq)
       INSERT INTO audit_head (id, seq, hash) SELECT 1, seq, $8 FROM e
       ON CONFLICT (id) DO UPDATE SET seq = EXCLUDED.seq, hash = EXCLUDED.hash`,
      at.toISOString(), payload.actor, payload.action, payload.promotionId, payload.model, JSON.stringify(payload.data), prev, hash,
    )
    prev = hash
  }
}
