// The transactional outbox for webhooks: a delivery row per subscribed webhook, written in
// the same transaction as the change it reports, so an event is sent if and only if the
// change committed. The relay in the worker hands pending rows to the webhooks queue.
import { randomUUID } from 'node:crypto'
import type { Tx } from '../store/database.js'
import type { WebhookEvent } from './events.js'

export interface EventEnvelope {
  id: string
  type: WebhookEvent
  createdAt: string
  data: Record<string, unknown>
}

/**
 * Writes one delivery per subscribed webhook and returns their ids. The webhooks are read
 * `FOR KEY SHARE`: a webhook deleted by a concurrent request either goes before this read (and
 * gets no delivery) or waits for this transaction, never turning the insert into a foreign-key
 * failure that would roll back the change being reported.
 */
export async function emitEvent(tx: Tx, type: WebhookEvent, data: Record<string, unknown>, onlyWebhook?: string): Promise<string[]> {
  const hooks = onlyWebhook
    ? await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM webhooks WHERE id = ${onlyWebhook}::uuid FOR KEY SHARE`
    : await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM webhooks WHERE active AND ${type} = ANY(events) ORDER BY id FOR KEY SHARE`
  if (hooks.length === 0) return []
  const envelope: EventEnvelope = { id: randomUUID(), type, createdAt: new Date().toISOString(), data }
  const rows = hooks.map((h) => ({ id: randomUUID(), webhookId: h.id, event: type, payload: envelope as unknown as object }))
  await tx.webhookDelivery.createMany({ data: rows })
  return rows.map((r) => r.id)
}
