// Evaluation datasets. The digest is the sha256 of the records' canonical JSON, so the same
// records always give the same digest and regression comparisons can key on it.
import { createHash } from 'node:crypto'
import { appendAudit } from '../audit/audit-log.js'
import { canonicalJson } from '../domain/canonical-json.js'
import { datasetKind } from '../domain/dataset-records.js'
import { conflict, unprocessable } from '../domain/errors.js'
import type { Database } from '../store/database.js'
import { isUniqueViolation } from '../store/prisma-errors.js'

export type DatasetRecord = { input: unknown; label?: unknown; group?: string; expected?: string }

function kindOf(records: DatasetRecord[]): 'classification' | 'qa' {
  const k = datasetKind(records)
  if ('problem' in k) throw unprocessable(k.problem)
  return k.kind
}

export function createDatasetService(deps: { db: Database }) {
  const { prisma } = deps.db
  return {
    async create(actor: string, name: string, records: DatasetRecord[]) {
      const kind = kindOf(records)
      const digest = `sha256:${createHash('sha256').update(canonicalJson(records)).digest('hex')}`
      try {
        await prisma.$transaction(async (tx) => {
          await tx.dataset.create({ data: { name, kind, digest, size: records.length, records: records as object, createdBy: actor } })
          await appendAudit(tx, { actor, action: 'dataset.registered', data: { name, kind, digest, size: records.length } })
        })
      } catch (err) {
        if (isUniqueViolation(err)) {
          const existing = await prisma.dataset.findUnique({ where: { name }, select: { digest: true } })
          throw conflict(`dataset "${name}" already exists${existing?.digest === digest ? ' with the same records' : ' with different records; datasets are immutable, register a new name'}`, { digest: existing?.digest })
        }
        throw err
      }
      return { name, kind, digest, size: records.length }
    },
  }
}

export type DatasetService = ReturnType<typeof createDatasetService>
