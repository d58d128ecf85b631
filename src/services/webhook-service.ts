// Webhook subscriptions, their delivery log, and test sends.
import { appendAudit } from '../audit/audit-log.js'
import { checkEndpointUrl } from '../domain/endpoint-allowlist.js'
import { notFound, unprocessable } from '../domain/errors.js'
import type { Principal } from '../domain/roles.js'
import { emitEvent } from '../notify/outbox.js'
import { openWebhookSecret, sealWebhookSecret } from '../notify/webhook-secret.js'
import type { SecretBox } from '../security/secret-box.js'
import type { Database } from '../store/database.js'
import { isUuid } from '../domain/ids.js'


export function createWebhookService(deps: { db: Database; allowlist: readonly string[]; secrets: Pick<SecretBox, 'seal' | 'open' | 'current'> }) {
  const { prisma } = deps.db

  async function find(id: string) {
    const hook = isUuid(id) ? await prisma.webhook.findUnique({ where: { id } }) : null
    if (!hook) throw notFound(`webhook ${id} does not exist`)
    return hook
  }

  return {
    /**
     * Seals what is not sealed under the current server secret: rows from before sealing
     * existed, and rows sealed under MODELGATE_SECRET_KEY_PREVIOUS (the second half of a
     * rotation). Run at start; returns how many rows it rewrote.
     */
    async sealStoredSecrets(): Promise<number> {
      const stale = await prisma.webhook.findMany({
        where: { OR: [{ secretKeyId: null }, { secretKeyId: { not: deps.secrets.current.id } }] },
        select: { id: true, secret: true, secretCiphertext: true, secretKeyId: true },
      })
      for (const hook of stale) {
        const clear = openWebhookSecret(hook, deps.secrets)
        await prisma.webhook.update({ where: { id: hook.id }, data: sealWebhookSecret(clear, deps.secrets) })
      }
      return stale.length
    },

    async create(principal: Principal, input: { url: string; events: string[]; secret: string }) {
      const verdict = checkEndpointUrl(input.url, deps.allowlist)
      if (!verdict.ok) throw unprocessable(`url refused: ${verdict.reason}`, { field: 'url' })
      return prisma.$transaction(async (tx) => {
        const hook = await tx.webhook.create({ data: { url: input.url, events: [...new Set(input.events)], ...sealWebhookSecret(input.secret, deps.secrets), createdBy: principal.name } })
        await appendAudit(tx, { actor: principal.name, action: 'webhook.created', data: { id: hook.id, url: hook.url, events: hook.events } })
        return { id: hook.id, url: hook.url, events: hook.events, active: hook.active, createdAt: hook.createdAt.toISOString() }
      })
    },

    /** Every webhook, oldest first; never its secret. */
    async list() {
      const rows = await prisma.webhook.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true, url: true, events: true, active: true, createdBy: true, createdAt: true } })
      return { items: rows.map((h) => ({ id: h.id, url: h.url, events: h.events, active: h.active, createdBy: h.createdBy, createdAt: h.createdAt.toISOString() })) }
    },

    /** A disabled webhook gets no new deliveries, and the worker drops its pending ones. */
    async setEnabled(principal: Principal, id: string, enabled: boolean) {
      await find(id)
      return prisma.$transaction(async (tx) => {
        const hook = await tx.webhook.update({ where: { id }, data: { active: enabled } })
        await appendAudit(tx, { actor: principal.name, action: enabled ? 'webhook.enabled' : 'webhook.disabled', data: { id, url: hook.url } })
        return { id: hook.id, url: hook.url, events: hook.events, active: hook.active, createdAt: hook.createdAt.toISOString() }
      })
    },

    /**
     * Deletes the webhook with its sealed secret and its delivery history (the rows cascade);
     * the audit log keeps that it existed, who deleted it and how many deliveries went with it.
     */
    async remove(principal: Principal, id: string) {
      const hook = await find(id)
      await prisma.$transaction(async (tx) => {
        const deliveries = await tx.webhookDelivery.count({ where: { webhookId: id } })
        await tx.webhook.delete({ where: { id } })
        await appendAudit(tx, { actor: principal.name, action: 'webhook.deleted', data: { id, url: hook.url, events: hook.events, deliveriesDeleted: deliveries } })
      })
    },

    async deliveries(id: string, limit: number) {
      await find(id)
      const rows = await prisma.webhookDelivery.findMany({
        where: { webhookId: id },
        orderBy: { createdAt: 'desc' },
        take: limit,
        include: { attemptLog: { orderBy: { attempt: 'asc' } } },
      })
      return {
        items: rows.map((d) => ({
          id: d.id,
          event: d.event,
          status: d.status,
          attempts: d.attempts,
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          createdAt: d.createdAt.toISOString(),
          deliveredAt: d.deliveredAt?.toISOString() ?? null,
          payload: d.payload,
          attemptLog: d.attemptLog.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), statusCode: a.statusCode, error: a.error, responseBody: a.responseBody, durationMs: a.durationMs })),
        })),
      }
    },

    async sendTest(principal: Principal, id: string) {
      await find(id)
      const deliveryIds = await prisma.$transaction(async (tx) => {
        const ids = await emitEvent(tx, 'webhook.test', { webhookId: id, requestedBy: principal.name, message: 'a test event from modelgate' }, id)
        // Deleted between the lookup and this transaction: nothing was written.
        if (ids.length === 0) throw notFound(`webhook ${id} does not exist`)
        await appendAudit(tx, { actor: principal.name, action: 'webhook.test_sent', data: { id } })
        return ids
      })
      return { deliveryId: deliveryIds[0]!, status: 'pending' }
    },
  }
}

export type WebhookService = ReturnType<typeof createWebhookService>
