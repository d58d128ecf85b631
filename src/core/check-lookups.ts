// The stored facts a check may read about the promotion it judges: attestations, uploaded
// files and their findings, trusted keys, and the per-item outcomes of the version it would
// replace.
import { filesNamedBy, frozenFilesOf, type FrozenFile } from './artifact-digest.js'
import type { KeyScope, TrustedKey } from '../provenance/index.js'
import type { Database } from '../store/database.js'
import type { CheckLookups } from '../gates/check.js'

export interface LookupSubject {
  modelId: string
  versionId: string
  targetEnvironment: string
  artifact: unknown
  /** The version's file set frozen when the promotion was created. */
  artifactFiles: unknown
  model: { name: string }
}

/** The trust store as the provenance verifier takes it. */
async function loadTrustedKeys(db: Database): Promise<TrustedKey[]> {
  return (await db.prisma.trustedKey.findMany()).map((k) => ({ keyId: k.keyId, algorithm: k.algorithm as TrustedKey['algorithm'], pem: k.pem, scope: k.scope as KeyScope }))
}

export function createCheckLookups(db: Database, p: LookupSubject): CheckLookups {
  // A promotion recorded before file sets were frozen has no copy; its version was frozen
  // when the copy was introduced, so the version's files are that set.
  const frozenFiles = async (): Promise<FrozenFile[]> =>
    frozenFilesOf(p.artifactFiles) ?? db.prisma.artifactFile.findMany({ where: { versionId: p.versionId }, select: { filename: true, sha256: true }, orderBy: { filename: 'asc' } })

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
    versionFiles: frozenFiles,
    trustedKeys: () => loadTrustedKeys(db),
    async recordTrainingDatasets(datasets) {
      await db.prisma.modelVersion.update({ where: { id: p.versionId }, data: { trainingDatasets: datasets as object } })
    },
    async artifactFiles() {
      const digest = (p.artifact as { digest?: string } | null)?.digest
      if (!digest) return []
      const named = filesNamedBy(digest, await frozenFiles())
      if (named.length === 0) return []
      const rows = await db.prisma.artifactFile.findMany({ where: { versionId: p.versionId, filename: { in: named.map((f) => f.filename) } } })
      return named.map((f) => {
        const row = rows.find((r) => r.filename === f.filename && r.sha256 === f.sha256)
        // Frozen files cannot change (the database refuses it); should one differ anyway, its
        // scan report is not about these bytes, and the check must not pass on it.
        if (!row) {
          return { filename: f.filename, digest: `sha256:${f.sha256}`, format: 'unknown', findings: [{ scanner: 'binding', severity: 'critical', file: f.filename, reason: `the file the promotion named (sha256:${f.sha256}) is no longer the recorded one, so its scan report does not cover these bytes` }] }
        }
        return { filename: row.filename, digest: `sha256:${row.sha256}`, format: row.format, findings: row.findings as never }
      })
    },
    async attestations(kind) {
      const rows = await db.prisma.attestation.findMany({ where: { versionId: p.versionId, kind }, orderBy: { createdAt: 'desc' } })
      return rows.map((a) => ({ kind: a.kind, verdict: a.verdict, reportUri: a.reportUri, summary: a.summary, principalName: a.principalName, principalRoles: a.principalRoles, createdAt: a.createdAt.toISOString() }))
    },
  }
}
