// The data_provenance verdict: is this model's provenance signed by a key we trust for it, about
// this very artifact, from a trusted builder, naming the data it was trained on? Pure and total:
// any input, however malformed or hostile, yields a result with failed checks, never a throw.
import { verifyDsse } from './dsse.js'
import { readContainer } from './container.js'
import { short } from './hex.js'
import type { TrustedKey } from './keys.js'
import { checkManifest, type UploadedFile } from './manifest-check.js'
import { MODEL_SIGNING_DIGESTS_V0_1, MODEL_SIGNING_V1, readModelSigning, type ModelManifest } from './model-signing.js'
import { checkBuilder, checkDatasets, checkPredicateType, checkSubjectDigest, checkTrustedKey } from './provenance-checks.js'
import { ResultBuilder, type ProvenanceResult } from './result.js'
import { readSlsaProvenance, SLSA_PROVENANCE_V1, type SlsaProvenance } from './slsa.js'
import { readStatement, type Statement } from './statement.js'

export interface ProvenancePolicy {
  /** Exact predicate types accepted, e.g. https://slsa.dev/provenance/v1. */
  allowedPredicateTypes: string[]
  /** Exact builder ids; undefined: any builder whose provenance a trusted key signed. */
  trustedBuilders?: string[]
  requireDatasets: boolean
}

export interface ProvenanceContext {
  trustedKeys: TrustedKey[]
  /** "sha256:<hex>" of the artifact being promoted. */
  artifactDigest: string
  /** The files uploaded for this version, compared with a model_signing manifest. */
  uploadedFiles?: UploadedFile[]
  modelName: string
  policy: ProvenancePolicy
}

export const READABLE_PREDICATE_TYPES: readonly string[] = [SLSA_PROVENANCE_V1, MODEL_SIGNING_V1, MODEL_SIGNING_DIGESTS_V0_1]

export function verifyProvenance(input: unknown, ctx: ProvenanceContext): ProvenanceResult {
  const result = new ResultBuilder()
  try {
    evaluate(input, ctx, result)
  } catch (error) {
    // Every path above is meant to be total; this is the backstop for what was missed
    // (a hostile getter, a proxy), and it still reads as a failed check, not a 500.
    result.fail('format', `verification stopped on malformed input: ${error instanceof Error ? error.message : String(error)}`)
  }
  return result.build()
}

type Predicate =
  | { kind: 'slsa'; provenance: SlsaProvenance }
  | { kind: 'model-signing'; manifest: ModelManifest }
  | { kind: 'unreadable' }

function evaluate(input: unknown, ctx: ProvenanceContext, result: ResultBuilder): void {
  const container = readContainer(input)
  if (!container.ok) return result.fail('format', container.detail)
  result.fields.container = container.kind
  result.note(...container.notes)

  const verified = verifyDsse(container.envelope, ctx?.trustedKeys ?? [], container.keyHint ? { keyHint: container.keyHint } : {})
  result.note(...verified.notes)
  if (!verified.ok) {
    if (verified.failure === 'format') return result.fail('format', `${container.label}: ${verified.detail}`)
    result.note('the statement was not read: it is not authenticated')
    if (verified.failure === 'signature') return result.fail('signature', verified.detail)
    result.fail('signature', 'no signature verifies under a trusted key')
    return result.fail('trusted_key', verified.detail)
  }
  result.fields.signer = { keyId: verified.signedBy.keyId, algorithm: verified.signedBy.algorithm }
  result.pass('signature', `verified with trusted key ${short(verified.signedBy.keyId)} (${verified.signedBy.algorithm})`)

  const read = readStatement(verified.payloadType, verified.payload)
  if (!read.ok) return result.fail('format', `${container.label}: ${read.detail}`)
  const statement = read.statement
  result.fields.predicateType = statement.predicateType
  result.fields.subject = statement.subject.map((s) => ({ ...(s.name !== undefined && { name: s.name }), digest: s.digest }))

  const predicate = readPredicate(statement)
  const policy = ctx?.policy
  const typeCheck = checkPredicateType(statement.predicateType, policy?.allowedPredicateTypes, READABLE_PREDICATE_TYPES.includes(statement.predicateType))
  result.record('predicate_type', typeCheck.ok, typeCheck.detail)
  if (!predicate.ok) return result.fail('format', `${container.label}: ${predicate.detail}`)
  result.pass('format', `${container.label} with an in-toto Statement v1 (${statement.predicateType})`)

  const parsed = predicate.value
  const builder = parsed.kind === 'slsa' ? parsed.provenance.builder : undefined
  const manifest = parsed.kind === 'model-signing' ? parsed.manifest : undefined
  if (builder !== undefined) result.fields.builder = builder
  if (manifest) {
    result.fields.manifest = {
      ...(manifest.modelName !== undefined && { modelName: manifest.modelName }),
      method: manifest.method,
      digest: manifest.statedDigest ?? manifest.digest,
      entries: manifest.entries,
    }
  }

  const keyCheck = checkTrustedKey(verified.verifiedBy, ctx?.modelName, builder)
  result.record('trusted_key', keyCheck.ok, keyCheck.detail)
  if (keyCheck.key) result.fields.signer = { keyId: keyCheck.key.keyId, algorithm: keyCheck.key.algorithm }

  const subjectCheck = checkSubjectDigest(ctx?.artifactDigest, statement.subject, manifest)
  result.record('subject_digest', subjectCheck.ok, subjectCheck.detail)

  if (manifest) {
    const manifestCheck = checkManifest(manifest, ctx?.uploadedFiles)
    result.record('manifest', manifestCheck.ok, manifestCheck.detail)
  }

  if (parsed.kind === 'unreadable') {
    result.note('builder and data sets were not read: the predicate type is not one this verifier reads')
    result.fail('builder', 'not evaluated: the predicate cannot be read')
    result.fail('datasets', 'not evaluated: the predicate cannot be read')
    return
  }

  const builderCheck = checkBuilder(builder, policy?.trustedBuilders)
  result.record('builder', builderCheck.ok, builderCheck.detail)

  const provenance = parsed.kind === 'slsa' ? parsed.provenance : undefined
  result.fields.datasets = provenance?.datasets ?? []
  const datasetCheck = checkDatasets(result.fields.datasets, provenance?.datasetProblems ?? [], policy?.requireDatasets !== false, provenance?.datasetSource)
  result.record('datasets', datasetCheck.ok, datasetCheck.detail)
  result.note(...datasetCheck.notes)
  if (parsed.kind === 'model-signing') result.note('a model_signing manifest names no builder and no training data')
}

function readPredicate(statement: Statement): { ok: true; value: Predicate } | { ok: false; detail: string } {
  switch (statement.predicateType) {
    case SLSA_PROVENANCE_V1: {
      const read = readSlsaProvenance(statement.predicate)
      return read.ok ? { ok: true, value: { kind: 'slsa', provenance: read.provenance } } : read
    }
    case MODEL_SIGNING_V1:
    case MODEL_SIGNING_DIGESTS_V0_1: {
      const read = readModelSigning(statement)
      return read.ok ? { ok: true, value: { kind: 'model-signing', manifest: read.manifest } } : read
    }
    default:
      return { ok: true, value: { kind: 'unreadable' } }
  }
}
