// The service's own verdict, signed: a DSSE envelope around an in-toto test-result statement
// (every check of the promotion, the policy version, the artifact digest as subject), so
// deployment tooling can check that a model passed its gates before running it.
import { conflict, notFound } from '../domain/errors.js'
import { isTerminal } from '../domain/promotion-state.js'
import { reviewDigest } from '../domain/review-digest.js'
import { filesNamedBy, frozenFilesOf } from '../core/artifact-digest.js'
import { buildVerdictStatement, loadOrCreateSigningKey, signVerdict, type SigningKey } from '../provenance/index.js'
import type { Database } from '../store/database.js'
import { isUuid } from '../domain/ids.js'


export function createVerdictService(deps: { db: Database; signingKeyPath: string }) {
  const { prisma } = deps.db
  // Loaded (or generated, mode 0600) on first use, not at start: an API that never signs a
  // verdict never touches the key file.
  let key: Promise<SigningKey> | undefined
  const signingKey = () => (key ??= loadOrCreateSigningKey(deps.signingKeyPath).catch((err) => {
    key = undefined
    throw err
  }))

  return {
    async publicKey() {
      const k = await signingKey()
      return { keyId: k.keyId, algorithm: 'ed25519' as const, publicKeyPem: k.publicKeyPem }
    },

    async attestation(id: string) {
      if (!isUuid(id)) throw notFound(`promotion ${id} does not exist`)
      const p = await prisma.promotion.findUnique({ where: { id }, include: { model: { select: { name: true } }, modelVersion: { select: { version: true } }, checkResults: { orderBy: { createdAt: 'asc' } }, evidence: { select: { kind: true, digest: true }, orderBy: { kind: 'asc' } }, approvals: { orderBy: { createdAt: 'asc' } } } })
      if (!p) throw notFound(`promotion ${id} does not exist`)
      if (!isTerminal(p.status) || !p.decidedAt) throw conflict(`promotion is ${p.status}; a verdict is signed once it is decided`, { currentStatus: p.status })
      const artifact = p.artifact as { digest?: string } | null
      if (!artifact?.digest) throw conflict('the promotion named no artifact, so there is no subject to sign a verdict about')
      const checks = p.checkResults.map((c) => ({ id: c.checkId, tier: c.tier, status: c.status, measured: c.measured, threshold: c.threshold, details: c.details }))
      const statement = buildVerdictStatement({
        promotion: { id: p.id, model: p.model.name, version: p.modelVersion.version, targetEnvironment: p.targetEnvironment, status: p.status, policyVersion: p.policyVersion, decidedAt: p.decidedAt },
        artifactDigest: artifact.digest,
        artifactFiles: filesNamedBy(artifact.digest, frozenFilesOf(p.artifactFiles) ?? []),
        endpoint: (p.endpoint as { protocol: string; url: string; model?: string } | null) ?? null,
        outputFilter: (p.outputFilter as { protocol: string; url: string } | null) ?? null,
        checks,
        evidence: p.evidence,
        reviewDigest: reviewDigest({ artifactDigest: artifact.digest, evidence: p.evidence, checks, policyVersion: p.policyVersion }),
        approvals: p.approvals.map((a) => ({ role: a.role, principal: a.principalName, decision: a.decision, reviewDigest: a.reviewDigest, at: a.createdAt.toISOString() })),
      })
      const k = await signingKey()
      return signVerdict(statement, k.privateKey, k.keyId)
    },
  }
}

export type VerdictService = ReturnType<typeof createVerdictService>
