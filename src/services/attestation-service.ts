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
  return {
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
        return { id: a.id, model: modelName, version, kind: a.kind as 'red-team', verdict: a.verdict as 'pass' | 'fail', reportUri: a.reportUri, summary: a.summary, attestedBy: a.principalName, createdAt: a.createdAt.toISOString() }
      })
    },
  }
}

export type AttestationService = ReturnType<typeof createAttestationService>
