// Appends audit events inside the caller's transaction, so an event exists exactly when the
// change it records does. Appending is one INSERT and takes no lock: tree positions are
// assigned later by the integrator (integrator.ts), so concurrent writers never wait on
// each other here.
import type { Tx } from '../store/database.js'

export interface AuditEventInput {
  actor: string
  action: string
  promotionId?: string | null
  model?: string | null
  data?: Record<string, unknown>
}

const COLUMNS = 6

export async function appendAudit(tx: Tx, input: AuditEventInput | AuditEventInput[]): Promise<void> {
  const events = Array.isArray(input) ? input : [input]
  if (events.length === 0) return
  const at = new Date().toISOString()
  const args: unknown[] = []
  const rows = events.map((e, i) => {
    args.push(at, e.actor, e.action, e.promotionId ?? null, e.model ?? null, JSON.stringify(e.data ?? {}))
    const p = (k: number) => `$${i * COLUMNS + k}`
    return `(${p(1)}::timestamptz, ${p(2)}, ${p(3)}, ${p(4)}::uuid, ${p(5)}, ${p(6)}::jsonb)`
  })
  await tx.$executeRawUnsafe(`INSERT INTO audit_events (at, actor, action, promotion_id, model, data) VALUES ${rows.join(', ')}`, ...args)
}
