// Remediation tickets, opened when a promotion is blocked (see core/lifecycle.ts).
import { appendAudit } from '../audit/audit-log.js'
import { conflict, forbidden, notFound } from '../domain/errors.js'
import { afterCursor, decodeCursor, encodeCursor, isUuid } from '../domain/ids.js'
import { answersFor } from '../domain/principal-names.js'
import type { Principal } from '../domain/roles.js'
import type { Database } from '../store/database.js'


type TicketRow = { id: string; promotionId: string; model: string; version: string; targetEnvironment: string; severity: string; status: string; title: string; summary: string; failedChecks: unknown; createdAt: Date; resolvedAt: Date | null; resolvedBy: string | null; resolution: string | null }
const present = (t: TicketRow) => ({
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
  resolvedAt: t.resolvedAt?.toISOString() ?? null,
  resolvedBy: t.resolvedBy,
  resolution: t.resolution,
})

/** Who may close a ticket by hand: an admin, an ml_lead, or the model's owner. */
function resolveRefusal(p: Principal, model: { name: string; owner: string } | null) {
  if (p.roles.includes('admin') || p.roles.includes('ml_lead')) return null
  if (model && p.roles.includes('model_owner') && answersFor(model.owner, p)) return null
  return forbidden(`only an admin, an ml_lead or the owner of ${model?.name ?? 'the model'} may resolve its tickets`)
}

export function createTicketService(deps: { db: Database }) {
  const { prisma } = deps.db
  return {
    async resolve(principal: Principal, id: string, reason: string) {
      const ticket = isUuid(id) ? await prisma.remediationTicket.findUnique({ where: { id } }) : null
      if (!ticket) throw notFound(`remediation ticket ${id} does not exist`)
      const model = await prisma.model.findUnique({ where: { name: ticket.model }, select: { name: true, owner: true } })
      const refusal = resolveRefusal(principal, model)
      if (refusal) throw refusal
      return prisma.$transaction(async (tx) => {
        const moved = await tx.remediationTicket.updateMany({ where: { id, status: 'open' }, data: { status: 'resolved', resolvedAt: new Date(), resolvedBy: principal.name, resolution: reason } })
        if (moved.count !== 1) throw conflict(`remediation ticket ${id} is already ${ticket.status === 'open' ? 'resolved' : ticket.status}`, { currentStatus: 'resolved' })
        await appendAudit(tx, { actor: principal.name, action: 'ticket.resolved', promotionId: ticket.promotionId, model: ticket.model, data: { ticketId: id, version: ticket.version, targetEnvironment: ticket.targetEnvironment, reason } })
        return present(await tx.remediationTicket.findUniqueOrThrow({ where: { id } }))
      })
    },

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
        items: page.map(present),
        nextCursor: rows.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : null,
      }
    },
  }
}

export type TicketService = ReturnType<typeof createTicketService>
