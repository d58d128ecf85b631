// Remediation tickets, opened when a promotion is blocked (see promotion-outcomes.ts).
import { unprocessable } from '../domain/errors.js'
import type { Database } from '../store/database.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createTicketService(deps: { db: Database }) {
  const { prisma } = deps.db
  return {
    async list(filter: { model?: string; promotionId?: string; status?: string; limit: number; cursor?: string }) {
      let after: { createdAt: Date; id: string } | undefined
      if (filter.cursor) {
        const [at, id] = Buffer.from(filter.cursor, 'base64url').toString().split('|')
        const createdAt = new Date(at ?? '')
        if (!id || !UUID.test(id) || Number.isNaN(createdAt.getTime())) throw unprocessable('cursor is not one this service issued')
        after = { createdAt, id }
      }
      if (filter.promotionId && !UUID.test(filter.promotionId)) return { items: [], nextCursor: null }
      const rows = await prisma.remediationTicket.findMany({
        where: {
          ...(filter.model ? { model: filter.model } : {}),
          ...(filter.promotionId ? { promotionId: filter.promotionId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: filter.limit + 1,
      })
      const page = rows.slice(0, filter.limit)
      const last = page[page.length - 1]
      return {
        items: page.map((t) => ({
          id: t.id,
          promotionId: t.promotionId,
          model: t.model,
          version: t.version,
          targetEnvironment: t.targetEnvironment,
          severity: t.severity,
          status: t.status,
          title: t.title,
          summary: t.summary,
          failedChecks: t.failedChecks as unknown[],
          createdAt: t.createdAt.toISOString(),
        })),
        nextCursor: rows.length > filter.limit && last ? Buffer.from(`${last.createdAt.toISOString()}|${last.id}`).toString('base64url') : null,
      }
    },
  }
}

export type TicketService = ReturnType<typeof createTicketService>
