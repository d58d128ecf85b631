// Webhook deliveries: the relay moves committed outbox rows onto the queue; the worker sends
// each with exponential backoff and logs every attempt, so GET /v1/webhooks/:id/deliveries
// shows what happened.
import { Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import { openWebhookSecret } from '../notify/webhook-secret.js'
import { sendWebhook } from '../notify/webhook-sender.js'
import type { SecretBox } from '../security/secret-box.js'
import type { Database } from '../store/database.js'
import { deliveryJobId, QUEUE_NAMES, type QueuePayloads } from './registry.js'

type Payload = QueuePayloads['webhooks']['deliver']

export interface WebhookDeliveryOptions {
  attempts: number
  backoffMs: number
  timeoutMs: number
  allowlist: readonly string[]
  secrets: Pick<SecretBox, 'open'>
}

export function createWebhookQueue(deps: { connection: Redis; prefix: string; options: WebhookDeliveryOptions }) {
  const queue = new Queue<Payload, void, 'deliver'>(QUEUE_NAMES.webhooks, { connection: deps.connection, prefix: deps.prefix })
  return {
    queue,
    async enqueue(deliveryId: string): Promise<void> {
      await queue.add('deliver', { deliveryId }, {
        jobId: deliveryJobId(deliveryId),
        attempts: deps.options.attempts,
        backoff: { type: 'exponential', delay: deps.options.backoffMs },
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600 },
      })
    },
    close: () => queue.close(),
  }
}
export type WebhookQueue = ReturnType<typeof createWebhookQueue>

export function createWebhookWorker(deps: { connection: Redis; prefix: string; db: Database; logger: Logger; options: WebhookDeliveryOptions }) {
  const { prisma } = deps.db
  const worker = new Worker<Payload, void, 'deliver'>(QUEUE_NAMES.webhooks, async (job) => {
    const delivery = await prisma.webhookDelivery.findUnique({ where: { id: job.data.deliveryId }, include: { webhook: true } })
    if (!delivery || delivery.status === 'delivered') return
    // Disabled after the event was queued: nothing more goes out to it.
    if (!delivery.webhook.active) {
      await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: { status: 'failed', lastError: 'the webhook was disabled before this delivery was sent' } })
      return
    }
    const attempt = delivery.attempts + 1
    const result = await sendWebhook({ url: delivery.webhook.url, secret: openWebhookSecret(delivery.webhook, deps.options.secrets), deliveryId: delivery.id, event: delivery.event, payload: delivery.payload, allowlist: deps.options.allowlist, timeoutMs: deps.options.timeoutMs })
    const last = !result.ok && attempt >= deps.options.attempts
    await prisma.$transaction([
      prisma.webhookAttempt.create({ data: { deliveryId: delivery.id, attempt, statusCode: result.statusCode, error: result.error, responseBody: result.responseBody, durationMs: result.durationMs } }),
      prisma.webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          attempts: attempt,
          lastStatusCode: result.statusCode,
          lastError: result.error,
          status: result.ok ? 'delivered' : last ? 'failed' : 'retrying',
          deliveredAt: result.ok ? new Date() : null,
        },
      }),
    ])
    if (!result.ok) throw new Error(`delivery ${delivery.id} attempt ${attempt}: ${result.error}`)
  }, { connection: deps.connection, prefix: deps.prefix, concurrency: 8 })
  worker.on('error', (err) => deps.logger.error({ err }, 'webhook worker error'))
  return worker
}

/** Hands committed outbox rows to the queue; a row is marked dispatched once queued. */
export function createOutboxRelay(deps: { db: Database; webhookQueue: WebhookQueue; logger: Logger }) {
  const { prisma } = deps.db
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  async function relayOnce(): Promise<number> {
    const stale = new Date(Date.now() - 10 * 60_000)
    const pending = await prisma.webhookDelivery.findMany({
      where: { status: 'pending', OR: [{ dispatchedAt: null }, { dispatchedAt: { lt: stale } }] },
      select: { id: true },
      orderBy: { createdAt: 'asc' },
      take: 500,
    })
    for (const d of pending) {
      await deps.webhookQueue.enqueue(d.id)
      await prisma.webhookDelivery.updateMany({ where: { id: d.id, status: 'pending' }, data: { dispatchedAt: new Date() } })
    }
    return pending.length
  }
  return {
    relayOnce,
    start(intervalMs: number) {
      timer = setInterval(() => {
        if (running) return
        running = relayOnce().catch((err) => deps.logger.error({ err }, 'outbox relay failed')).finally(() => (running = undefined))
      }, intervalMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      await running
    },
  }
}
