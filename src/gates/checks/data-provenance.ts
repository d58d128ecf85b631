// data_provenance: the model's origin, proven offline. The provenance CI uploaded (a DSSE
// envelope with an in-toto statement, or a Sigstore public-key bundle) must be signed by a
// trusted key scoped to this model, of an allowed predicate type, about this very artifact
// (for a model_signing manifest: exactly the uploaded files), from a trusted builder, and name
// the training data sets with their digests, which are then recorded on the version.
import { READABLE_PREDICATE_TYPES, verifyProvenance } from '../../provenance/index.js'
import { Type } from 'typebox'
import { ProvenanceEvidence } from '../evidence/kinds.js'
import { defineCheck, failed } from '../check.js'

export const dataProvenanceCheck = defineCheck({
  id: 'data_provenance',
  tier: 'security',
  title: 'Data and pipeline provenance',
  passesWhen: 'the uploaded provenance verifies offline: signed by a trusted key scoped to this model, an allowed predicate type (SLSA provenance v1, OpenSSF model_signing), about this very artifact (for a model_signing manifest: exactly the uploaded files), from a trusted builder, naming the training data sets with digests (recorded on the version)',
  params: Type.Object({
    allowedPredicateTypes: Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 20, default: [...READABLE_PREDICATE_TYPES] }),
    trustedBuilders: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 512 }), { maxItems: 100, description: 'builder ids to accept; by default any builder whose provenance a trusted key signed' })),
    requireDatasets: Type.Boolean({ default: true, description: 'the provenance must name the training data sets with digests' }),
  }, { additionalProperties: false }),
  requires: { evidence: { provenance: ProvenanceEvidence }, artifact: true, trustedKeys: true },
  severity: 'critical',
  // Ours, like red_team_report: required from staging on.
  environments: ['staging', 'prod'],
  runner: 'worker',
  async run({ evidence, params: policy, promotion, lookups }) {
    const threshold = { ...policy, trustedBuilders: policy.trustedBuilders ?? 'any builder whose provenance a trusted key signed' }
    const raw = evidence.get('provenance')
    if (raw === undefined) {
      return failed('no provenance was uploaded', 'upload the training pipeline\'s signed provenance (a DSSE envelope holding an in-toto SLSA v1 or model_signing statement, or a Sigstore public-key bundle) as evidence.provenance', { threshold })
    }
    const artifact = promotion.artifact as { digest: string } | null
    if (!artifact) return failed('no artifact was declared, so there is nothing the provenance could be about', 'upload the model file and declare artifact: {uri, digest}', { threshold })
    const [trustedKeys, files] = await Promise.all([lookups.trustedKeys(), lookups.versionFiles()])
    if (trustedKeys.length === 0) return failed('no signing key is trusted yet', 'an admin registers the training pipeline\'s public key with POST /v1/trusted-keys', { threshold })
    const result = verifyProvenance(JSON.parse(raw), {
      trustedKeys,
      artifactDigest: artifact.digest,
      uploadedFiles: files.map((f) => ({ path: f.filename, sha256: f.sha256 })),
      modelName: promotion.model.name,
      policy,
    })
    const measured = Object.fromEntries(result.checks.map((c) => [c.name, c.ok]))
    const details = { ...result }
    if (result.ok) {
      await lookups.recordTrainingDatasets(result.datasets)
      return { status: 'passed', measured, threshold, details, summary: `provenance verified: signed by ${result.signer?.keyId.slice(0, 12)}… (${result.signer?.algorithm}), ${result.predicateType}, builder ${result.builder ?? 'n/a'}, ${result.datasets.length} training dataset(s)` }
    }
    const broken = result.checks.filter((c) => !c.ok)
    return {
      status: 'failed', measured, threshold, details,
      summary: `provenance did not verify: ${broken.map((c) => `${c.name}: ${c.detail}`).join('; ')}`,
      remedy: 'have the training pipeline sign provenance for exactly this artifact with a trusted key, naming its builder and training data with digests',
    }
  },
})
