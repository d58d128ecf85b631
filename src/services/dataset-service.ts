// Evaluation datasets. The digest is the sha256 of the records' canonical JSON, so the same
// records always give the same digest and regression comparisons can key on it. A dataset is
// registered by a model's owner, an ml_lead or an admin (never CI, which would choose what its
// own model is judged on) and pinned to the models it may evaluate; its name belongs to
// whoever registered it.
import { appendAudit } from '../audit/audit-log.js'
import { datasetDigest, datasetKind } from '../domain/dataset-records.js'
import { conflict, unprocessable } from '../domain/errors.js'
import { afterCursor, decodeCursor, encodeCursor } from '../domain/ids.js'
import { datasetPinRefusal } from '../domain/object-access.js'
import type { Principal } from '../domain/roles.js'
import type { Database } from '../store/database.js'
import { isUniqueViolation } from '../store/prisma-errors.js'

export type DatasetRecord = { input: unknown; label?: unknown; group?: string; expected?: string }

function kindOf(records: DatasetRecord[]): 'classification' | 'qa' {
  const k = datasetKind(records)
  if ('problem' in k) throw unprocessable(k.problem)
  return k.kind
}

export interface NewDataset {
  name: string
  records: DatasetRecord[]
  models: string[]
}

type DatasetRow = { name: string; kind: string; digest: string; size: number; models: string[]; createdBy: string }
const present = (d: DatasetRow) => ({ name: d.name, kind: d.kind, digest: d.digest, size: d.size, models: d.models })

export function createDatasetService(deps: { db: Database }) {
  const { prisma } = deps.db

  /** The existing dataset when this is the same principal's identical registration (a safe retry); 409 otherwise. */
  function retryOf(existing: DatasetRow, actor: string, digest: string, models: string[]) {
    if (existing.createdBy === actor && existing.digest === digest && existing.models.join(',') === models.join(',')) return present(existing)
    const why = existing.createdBy !== actor ? 'it belongs to the principal that registered it' : existing.digest !== digest ? 'datasets are immutable and these records differ' : 'it is pinned to other models'
    throw conflict(`dataset "${existing.name}" already exists; ${why}: register a new name`)
  }

  return {
    /** Metadata only, newest first: the records never leave through a listing. */
    async list(limit: number, cursor?: string) {
      const after = cursor ? decodeCursor(cursor) : undefined
      const rows = await prisma.dataset.findMany({
        where: after ? afterCursor(after) : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        select: { id: true, name: true, kind: true, digest: true, size: true, models: true, createdBy: true, createdAt: true },
      })
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      return {
        items: page.map((d) => ({ ...present(d), registeredBy: d.createdBy, createdAt: d.createdAt.toISOString() })),
        nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
      }
    },

    /** `created: false` for a safe retry. */
    async create(principal: Principal, input: NewDataset) {
      const kind = kindOf(input.records)
      const digest = datasetDigest(input.records)
      const models = [...new Set(input.models)].sort()
      const existing = await prisma.dataset.findUnique({ where: { name: input.name } })
      if (existing) return { dataset: retryOf(existing, principal.name, digest, models), created: false }

      const known = await prisma.model.findMany({ where: { name: { in: models } }, select: { name: true, owner: true } })
      const unknown = models.filter((m) => !known.some((k) => k.name === m))
      if (unknown.length > 0) throw unprocessable(`models ${unknown.map((m) => `"${m}"`).join(', ')} are not registered; a dataset is pinned to registered models`, { field: 'models' })
      for (const model of known) {
        const refusal = datasetPinRefusal(principal, model)
        if (refusal) throw refusal
      }
      try {
        const row = await prisma.$transaction(async (tx) => {
          const d = await tx.dataset.create({ data: { name: input.name, kind, digest, size: input.records.length, records: input.records as object, models, createdBy: principal.name } })
          await appendAudit(tx, { actor: principal.name, action: 'dataset.registered', data: { name: input.name, kind, digest, size: input.records.length, models } })
          return d
        })
        return { dataset: present(row), created: true }
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        const winner = await prisma.dataset.findUnique({ where: { name: input.name } })
        if (!winner) throw err
        return { dataset: retryOf(winner, principal.name, digest, models), created: false }
      }
    },
  }
}

export type DatasetService = ReturnType<typeof createDatasetService>
