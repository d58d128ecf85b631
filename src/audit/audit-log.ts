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
  let last = 0n
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
    const row = await tx.auditEvent.create({
      data: {
        at,
        actor: payload.actor,
        action: payload.action,
        promotionId: payload.promotionId,
        model: payload.model,
        data: payload.data as object,
        prevHash: prev,
        hash,
      },
      select: { seq: true },
    })
    prev = hash
    last = row.seq
  }
  await tx.auditHead.upsert({ where: { id: 1 }, create: { id: 1, seq: last, hash: prev }, update: { seq: last, hash: prev } })
}
