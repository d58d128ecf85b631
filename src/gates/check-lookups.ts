// The stored facts a check may read about the promotion it judges: attestations, uploaded
// files and their findings, trusted keys, and the per-item outcomes of the version it would
// replace.
import { loadTrustedKeys } from '../services/trusted-key-service.js'
import type { Database } from '../store/database.js'
import type { CheckLookups } from './check.js'

export interface LookupSubject {
  modelId: string
  versionId: string
  targetEnvironment: string
  artifact: unknown
  model: { name: string }
}

export function createCheckLookups(db: Database, p: LookupSubject): CheckLookups {
  return {
    async baselineOutcomes(datasetDigest) {
      const current = await db.prisma.modelVersion.findFirst({ where: { modelId: p.modelId, environment: p.targetEnvironment, id: { not: p.versionId } }, select: { id: true, version: true } })
      if (!current) return { none: `no other version of ${p.model.name} is in ${p.targetEnvironment} to compare against` }
      const m = await db.prisma.evaluationMetric.findFirst({ where: { versionId: current.id, datasetDigest }, orderBy: { createdAt: 'desc' } })
      if (!m) return { none: `${p.model.name} ${current.version} (now in ${p.targetEnvironment}) was never evaluated on this dataset (digest ${datasetDigest})` }
      if (m.itemOutcomes === null || typeof m.itemOutcomes !== 'object') {
        return { missing: `${p.model.name} ${current.version} (now in ${p.targetEnvironment}) has no per-item outcomes on this dataset (it was promoted before they were kept), so no paired comparison is possible` }
      }
      return { version: current.version, promotionId: m.promotionId, outcomes: m.itemOutcomes as Record<string, boolean> }
    },
    async versionFiles() {
      return db.prisma.artifactFile.findMany({ where: { versionId: p.versionId }, select: { filename: true, sha256: true }, orderBy: { filename: 'asc' } })
    },
    trustedKeys: () => loadTrustedKeys(db),
    async recordTrainingDatasets(datasets) {
      await db.prisma.modelVersion.update({ where: { id: p.versionId }, data: { trainingDatasets: datasets as object } })
    },
    async artifactFiles() {
      const digest = (p.artifact as { digest?: string } | null)?.digest
      if (!digest) return []
      const files = await db.prisma.artifactFile.findMany({ where: { versionId: p.versionId }, orderBy: { filename: 'asc' } })
      const hex = digest.slice('sha256:'.length)
      const named = files.filter((f) => f.sha256 === hex)
      return (named.length > 0 ? named : files).map((f) => ({ filename: f.filename, digest: `sha256:${f.sha256}`, format: f.format, findings: f.findings as never }))
    },
    async attestations(kind) {
      const rows = await db.prisma.attestation.findMany({ where: { versionId: p.versionId, kind }, orderBy: { createdAt: 'desc' } })
      return rows.map((a) => ({ kind: a.kind, verdict: a.verdict, reportUri: a.reportUri, summary: a.summary, principalName: a.principalName, principalRoles: a.principalRoles, createdAt: a.createdAt.toISOString() }))
    },
  }
}
