// The policy rules applied to a verified statement, one function per check.
import { digestProblem, type Dataset } from './datasets.js'
import { sha256Hex, short } from './hex.js'
import { listSome } from './json-shape.js'
import type { TrustedKey } from './keys.js'
import { DETAIL_ITEMS } from './limits.js'
import { isSha256Entry, type ModelManifest } from './model-signing.js'
import { scopeAllows } from './scope.js'
import type { Subject } from './statement.js'

export type Decision = { ok: boolean; detail: string }

/** The first key that both verified a signature and may vouch for this model and builder. */
export function checkTrustedKey(verifiedBy: readonly TrustedKey[], modelName: unknown, builder: string | undefined): Decision & { key?: TrustedKey } {
  if (typeof modelName !== 'string' || modelName === '') return { ok: false, detail: 'no model name was given to check key scopes against' }
  const refusals: string[] = []
  for (const key of verifiedBy) {
    const decision = scopeAllows(key, modelName, builder)
    if (decision.ok) return { ok: true, key, detail: `key ${short(key.keyId)} (${key.algorithm}) may sign for model "${modelName}"${builder ? ` and builder "${builder}"` : ''}` }
    refusals.push(decision.detail)
  }
  return { ok: false, detail: refusals.join('; ') }
}

export function checkPredicateType(predicateType: string, allowed: unknown, understood: boolean): Decision {
  const list = Array.isArray(allowed) ? allowed.filter((t): t is string => typeof t === 'string') : []
  if (!list.includes(predicateType)) {
    return { ok: false, detail: `predicate type ${predicateType} is not allowed by policy (allowed: ${list.length > 0 ? list.join(', ') : 'none'})` }
  }
  if (!understood) return { ok: false, detail: `predicate type ${predicateType} is allowed by policy but this verifier cannot read it` }
  return { ok: true, detail: `predicate type ${predicateType} is allowed` }
}

/** A statement about some other artifact proves nothing about this one. */
export function checkSubjectDigest(artifactDigest: unknown, subject: readonly Subject[], manifest: ModelManifest | undefined): Decision {
  const artifact = sha256Hex(artifactDigest)
  if (!artifact) {
    return { ok: false, detail: `the promoted artifact's digest "${String(artifactDigest)}" is not sha256:<64 hex>` }
  }
  if (manifest) return manifestSubject(artifact, manifest)
  const match = subject.find((s) => sha256Hex(s.digest.sha256) === artifact)
  if (match) return { ok: true, detail: `subject ${match.name ?? '(unnamed)'} has the artifact's digest sha256:${short(artifact)}` }
  const stated = subject.map((s) => (s.digest.sha256 ? `sha256:${short(s.digest.sha256)}` : Object.keys(s.digest).join('/')))
  return { ok: false, detail: `no subject has the artifact's digest sha256:${short(artifact)} (subjects: ${listSome(stated, DETAIL_ITEMS)})` }
}

/**
 * For a model_signing manifest the artifact is the whole model (its digest is the manifest
 * digest) or one file of it (its digest is that file's sha256). Which files make up the model is
 * the 'manifest' check's concern.
 */
function manifestSubject(artifact: string, manifest: ModelManifest): Decision {
  const manifestDigest = manifest.statedDigest ?? manifest.digest
  if (artifact === manifestDigest) return { ok: true, detail: `the artifact's digest is the signed manifest digest sha256:${short(artifact)}` }
  const file = manifest.method === 'files' ? manifest.entries.find((e) => isSha256Entry(e) && e.digest === artifact) : undefined
  if (file) return { ok: true, detail: `the artifact's digest is the signed sha256 of ${file.path}` }
  return {
    ok: false,
    detail: `the artifact's digest sha256:${short(artifact)} is neither the manifest digest sha256:${short(manifestDigest)} nor the sha256 of any file it lists`,
  }
}

export function checkBuilder(builder: string | undefined, trustedBuilders: unknown): Decision {
  if (trustedBuilders === undefined) {
    return { ok: true, detail: builder ? `builder ${builder}; policy accepts any builder a trusted key vouches for` : 'the statement names no builder; policy does not require one' }
  }
  const list = Array.isArray(trustedBuilders) ? trustedBuilders.filter((b): b is string => typeof b === 'string') : []
  if (!builder) return { ok: false, detail: `policy trusts builders [${list.join(', ')}] and the statement names no builder` }
  if (!list.includes(builder)) return { ok: false, detail: `builder ${builder} is not trusted (trusted: ${list.length > 0 ? list.join(', ') : 'none'})` }
  return { ok: true, detail: `builder ${builder} is trusted` }
}

export function checkDatasets(datasets: readonly Dataset[], problems: readonly string[], required: boolean, source: string | undefined): Decision & { notes: string[] } {
  const all = [...problems, ...datasets.flatMap((d) => {
    const problem = digestProblem(d.digest)
    return problem ? [`${d.uri}: ${problem}`] : []
  })]
  if (!required) {
    return { ok: true, detail: `${datasets.length} training data set(s) named; not required by policy`, notes: all.map((p) => `data set ${p}`) }
  }
  if (datasets.length === 0 && problems.length === 0) {
    return { ok: false, detail: 'no training data sets are named, and policy requires them with digests', notes: [] }
  }
  if (all.length > 0) return { ok: false, detail: `training data sets without a usable digest: ${listSome(all, DETAIL_ITEMS)}`, notes: [] }
  return { ok: true, detail: `${datasets.length} training data set(s) named with digests${source ? ` (from ${source})` : ''}`, notes: [] }
}
