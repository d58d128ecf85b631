// The OpenSSF model_signing formats (github.com/sigstore/model-transparency):
//
// v1.0, predicateType https://model_signing/signature/v1.0:
//   subject: [{name: <model name>, digest: {sha256: <manifest digest>}}]
//   predicate: {serialization: {method: "files" | "shards", hash_type, allow_symlinks, ignore_paths?},
//               resources: [{name: <path, or "path:start:end" for shards>, algorithm, digest: <hex>}]}
//   where the manifest digest is sha256 over the raw bytes of every resource digest, in the
//   order the resources are listed.
//
// v0.2 compatibility, predicateType https://model_signing/Digests/v0.1:
//   subject: [{name: <path>, digest: {sha256: <hex>}, annotations?: {actual_hash_algorithm}}, ...]
//   one subject per file and nothing of use in the predicate.
import { createHash } from 'node:crypto'
import { isHex, sha256Hex } from './hex.js'
import { field, isObject, objectField, stringField } from './json-shape.js'
import { MAX_RESOURCES } from './limits.js'
import { comparePaths, normalizePath } from './manifest-path.js'
import type { Statement } from './statement.js'

export const MODEL_SIGNING_V1 = 'https://model_signing/signature/v1.0'
export const MODEL_SIGNING_DIGESTS_V0_1 = 'https://model_signing/Digests/v0.1'

export interface ManifestEntry {
  /** A normalised POSIX path ("path:start:end" for a shard). */
  path: string
  /** As the manifest names it: "sha256" (v1.0) or "file-sha256" (v0.2); others cannot be compared. */
  algorithm: string
  digest: string
}

export interface ModelManifest {
  predicateType: string
  /** The model name in the subject (v1.0); informative only, model_signing does not bind it. */
  modelName?: string
  method: 'files' | 'shards'
  /** sha256 over the listed digests, computed here. */
  digest: string
  /** The manifest digest the subject states (v1.0 only). */
  statedDigest?: string
  entries: ManifestEntry[]
}

export type ManifestReading = { ok: true; manifest: ModelManifest } | { ok: false; detail: string }

const SHA256_NAMES = new Set(['sha256', 'file-sha256'])

export function isSha256Entry(entry: ManifestEntry): boolean {
  return SHA256_NAMES.has(entry.algorithm) && isHex(entry.digest, 64)
}

export function readModelSigning(statement: Statement): ManifestReading {
  return statement.predicateType === MODEL_SIGNING_DIGESTS_V0_1 ? readDigestsV01(statement) : readV1(statement)
}

function readV1(statement: Statement): ManifestReading {
  if (statement.subject.length !== 1) return bad(`expected one subject (the model), found ${statement.subject.length}`)
  const subject = statement.subject[0]!
  const statedDigest = sha256Hex(subject.digest.sha256)
  if (!statedDigest) return bad('the subject has no sha256 manifest digest')
  const predicate = statement.predicate
  if (!predicate) return bad('the predicate is missing')
  const serialization = objectField(predicate, 'serialization')
  const method = serialization ? stringField(serialization, 'method') : undefined
  if (method !== 'files' && method !== 'shards') return bad(`serialization.method is ${method ? `"${method}"` : 'missing'}, expected "files" or "shards"`)
  const resources = field(predicate, 'resources')
  if (!Array.isArray(resources)) return bad('resources is missing or not a list')
  if (resources.length > MAX_RESOURCES) return bad(`${resources.length} resources, over the ${MAX_RESOURCES} accepted`)
  const entries: ManifestEntry[] = []
  for (const [index, resource] of resources.entries()) {
    const entry = readResource(resource, method)
    if (typeof entry === 'string') return bad(`resources[${index}]: ${entry}`)
    entries.push(entry)
  }
  const manifest: ModelManifest = {
    predicateType: statement.predicateType,
    method,
    digest: digestOfDigests(entries),
    statedDigest,
    entries,
  }
  if (subject.name !== undefined) manifest.modelName = subject.name
  return { ok: true, manifest }
}

function readResource(resource: unknown, method: 'files' | 'shards'): ManifestEntry | string {
  if (!isObject(resource)) return 'not an object'
  const name = stringField(resource, 'name')
  const algorithm = stringField(resource, 'algorithm')
  const digest = stringField(resource, 'digest')
  if (!name) return 'name is missing'
  if (!algorithm) return 'algorithm is missing'
  if (!digest || !isHex(digest)) return 'digest is missing or not hex'
  return { path: method === 'files' ? normalizePath(name) : name, algorithm, digest: digest.toLowerCase() }
}

function readDigestsV01(statement: Statement): ManifestReading {
  if (statement.subject.length > MAX_RESOURCES) return bad(`${statement.subject.length} subjects, over the ${MAX_RESOURCES} accepted`)
  const entries: ManifestEntry[] = []
  for (const [index, subject] of statement.subject.entries()) {
    if (!subject.name) return bad(`subject[${index}] has no name (file path)`)
    const digest = sha256Hex(subject.digest.sha256)
    if (!digest) return bad(`subject[${index}] has no sha256 digest`)
    const stated = subject.annotations ? field(subject.annotations, 'actual_hash_algorithm') : undefined
    // v0.2 put the real algorithm in an annotation and "sha256" as the key; absent means file-sha256.
    const algorithm = typeof stated === 'string' ? stated : 'file-sha256'
    entries.push({ path: normalizePath(subject.name), algorithm, digest })
  }
  entries.sort((a, b) => comparePaths(a.path, b.path))
  return { ok: true, manifest: { predicateType: statement.predicateType, method: 'files', digest: digestOfDigests(entries), entries } }
}

/** The v1.0 manifest digest: sha256 over the listed digests' bytes, in list order. */
export function digestOfDigests(entries: ReadonlyArray<{ digest: string }>): string {
  const hash = createHash('sha256')
  for (const entry of entries) hash.update(Buffer.from(entry.digest, 'hex'))
  return hash.digest('hex')
}

/**
 * The manifest digest model_signing would state for these files hashed with sha256: what a
 * caller computes from the files it holds, to compare with a v1.0 subject.
 */
export function manifestDigestOfFiles(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  const entries = files.map((f) => {
    const digest = sha256Hex(f.sha256)
    if (!digest) throw new TypeError(`${f.path}: sha256 is not 64 hex characters`)
    return { path: normalizePath(f.path), digest }
  })
  entries.sort((a, b) => comparePaths(a.path, b.path))
  return digestOfDigests(entries)
}

function bad(detail: string): ManifestReading {
  return { ok: false, detail: `model_signing manifest: ${detail}` }
}
