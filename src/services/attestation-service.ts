// Red-team attestations: recorded against one exact model version by a red_team principal.
import { appendAudit } from '../audit/audit-log.js'
import { notFound } from '../domain/errors.js'
import type { Principal } from '../domain/roles.js'
import type { Database } from '../store/database.js'

export interface NewAttestation {
  kind: 'red-team'
  verdict: 'pass' | 'fail'
  reportUri: string
  summary?: string
}

export function createAttestationService(deps: { db: Database }) {
  const { prisma } = deps.db
  const present = (modelName: string, version: string, a: { id: string; kind: string; verdict: string; reportUri: string; summary: string | null; principalName: string; createdAt: Date }) =>
    ({ id: a.id, model: modelName, version, kind: a.kind as 'red-team', verdict: a.verdict as 'pass' | 'fail', reportUri: a.reportUri, summary: a.summary, attestedBy: a.principalName, createdAt: a.createdAt.toISOString() })
  return {
    /** A version's attestations, oldest first; 404 for an unknown model, none for a version nobody attested or promoted. */
    async list(modelName: string, version: string) {
      const model = await prisma.model.findUnique({ where: { name: modelName }, select: { id: true } })
      if (!model) throw notFound(`model "${modelName}" does not exist`)
      const rows = await prisma.attestation.findMany({ where: { modelVersion: { modelId: model.id, version } }, orderBy: { createdAt: 'asc' } })
      return { items: rows.map((a) => present(modelName, version, a)) }
    },
    async record(principal: Principal, modelName: string, version: string, input: NewAttestation) {
      return prisma.$transaction(async (tx) => {
        const model = await tx.model.findUnique({ where: { name: modelName }, select: { id: true } })
        if (!model) throw notFound(`model "${modelName}" does not exist`)
        // A red team may assess a version before CI first promotes it.
        await tx.modelVersion.createMany({ data: [{ modelId: model.id, version }], skipDuplicates: true })
        const v = await tx.modelVersion.findUniqueOrThrow({ where: { modelId_version: { modelId: model.id, version } }, select: { id: true } })
        const a = await tx.attestation.create({
          data: { versionId: v.id, kind: input.kind, verdict: input.verdict, reportUri: input.reportUri, summary: input.summary ?? null, principalName: principal.name, principalRoles: principal.roles },
        })
        await appendAudit(tx, { actor: principal.name, action: 'attestation.recorded', model: modelName, data: { version, kind: input.kind, verdict: input.verdict, reportUri: input.reportUri } })
        return present(modelName, version, a)
      })
    },
  }
}

export type AttestationService = ReturnType<typeof createAttestationService>
