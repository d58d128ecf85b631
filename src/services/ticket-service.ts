// Remediation tickets, opened when a promotion is blocked (see core/lifecycle.ts).
import type { Database } from '../store/database.js'
import { afterCursor, decodeCursor, encodeCursor, isUuid } from '../domain/ids.js'


export function createTicketService(deps: { db: Database }) {
  const { prisma } = deps.db
  return {
    async list(filter: { model?: string; promotionId?: string; status?: string; limit: number; cursor?: string }) {
      const after = filter.cursor ? decodeCursor(filter.cursor) : undefined
      if (filter.promotionId && !isUuid(filter.promotionId)) return { items: [], nextCursor: null }
      const rows = await prisma.remediationTicket.findMany({
        where: {
          ...(filter.model ? { model: filter.model } : {}),
          ...(filter.promotionId ? { promotionId: filter.promotionId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(after ? afterCursor(after) : {}),
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
        nextCursor: rows.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : null,
      }
    },
  }
}

export type TicketService = ReturnType<typeof createTicketService>
