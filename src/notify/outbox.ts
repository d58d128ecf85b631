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

export async function emitEvent(tx: Tx, type: WebhookEvent, data: Record<string, unknown>, onlyWebhook?: string): Promise<number> {
  const hooks = await tx.webhook.findMany({
    where: onlyWebhook ? { id: onlyWebhook } : { active: true, events: { has: type } },
    select: { id: true },
  })
  if (hooks.length === 0) return 0
  const envelope: EventEnvelope = { id: randomUUID(), type, createdAt: new Date().toISOString(), data }
  await tx.webhookDelivery.createMany({
    data: hooks.map((h) => ({ webhookId: h.id, event: type, payload: envelope as unknown as object })),
  })
  return hooks.length
}
