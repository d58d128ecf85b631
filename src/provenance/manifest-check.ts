// The 'manifest' check: the signed manifest is internally consistent and describes exactly the
// files uploaded for this version: every uploaded file listed with the same sha256, no listed
// file missing, no uploaded file unlisted. ignore_paths from the serialization is not applied:
// a file the signer chose not to cover is unverified content, so it counts as extra.
import { sha256Hex, short } from './hex.js'
import { field, isObject, listSome } from './json-shape.js'
import { DETAIL_ITEMS } from './limits.js'
import { normalizePath } from './manifest-path.js'
import { isSha256Entry, type ModelManifest } from './model-signing.js'

export interface UploadedFile {
  path: string
  /** Hex, or "sha256:<hex>". */
  sha256: string
}

export type ManifestDecision = { ok: boolean; detail: string }

export function checkManifest(manifest: ModelManifest, uploaded: readonly UploadedFile[] | undefined): ManifestDecision {
  const count = `${manifest.entries.length} ${manifest.method === 'shards' ? 'shards' : 'files'}`
  if (manifest.statedDigest !== undefined && manifest.statedDigest !== manifest.digest) {
    return fail(`the listed resources hash to ${short(manifest.digest)} but the subject states ${short(manifest.statedDigest)}: the manifest is inconsistent`)
  }
  const duplicates = duplicatesOf(manifest.entries.map((e) => e.path))
  if (duplicates.length > 0) return fail(`the manifest lists ${listSome(duplicates, DETAIL_ITEMS)} more than once`)
  if (uploaded === undefined) return { ok: true, detail: `manifest of ${count} is consistent; no uploaded file list was given to compare it with` }
  if (manifest.method === 'shards') {
    return fail('the manifest lists file shards, whose digests cannot be compared with the uploaded files\' sha256')
  }
  const uncomparable = manifest.entries.filter((e) => !isSha256Entry(e))
  if (uncomparable.length > 0) {
    return fail(`${listSome(uncomparable.map((e) => `${e.path} (${e.algorithm})`), DETAIL_ITEMS)} not hashed with sha256, so not comparable with the uploaded files`)
  }

  if (!Array.isArray(uploaded)) return fail('the uploaded file list is not a list')
  const files = new Map<string, string>()
  const malformed: string[] = []
  const repeated: string[] = []
  for (const [index, file] of uploaded.entries()) {
    const rawPath = isObject(file) ? field(file, 'path') : undefined
    const path = typeof rawPath === 'string' && rawPath !== '' ? normalizePath(rawPath) : undefined
    const digest = isObject(file) ? sha256Hex(field(file, 'sha256')) : undefined
    if (!path || !digest) malformed.push(`#${index}`)
    else if (files.has(path)) repeated.push(path)
    else files.set(path, digest)
  }
  if (malformed.length > 0) return fail(`uploaded files ${listSome(malformed, DETAIL_ITEMS)} have no path or no 64-hex sha256`)
  if (repeated.length > 0) return fail(`uploaded files list ${listSome(repeated, DETAIL_ITEMS)} more than once`)

  const missing: string[] = []
  const changed: string[] = []
  const listed = new Set<string>()
  for (const entry of manifest.entries) {
    listed.add(entry.path)
    const digest = files.get(entry.path)
    if (digest === undefined) missing.push(entry.path)
    else if (digest !== entry.digest) changed.push(`${entry.path} (uploaded ${short(digest)}, signed ${short(entry.digest)})`)
  }
  const extra = [...files.keys()].filter((path) => !listed.has(path))
  const problems = [
    changed.length > 0 && `differ from the manifest: ${listSome(changed, DETAIL_ITEMS)}`,
    missing.length > 0 && `in the manifest but not uploaded: ${listSome(missing, DETAIL_ITEMS)}`,
    extra.length > 0 && `uploaded but not in the manifest: ${listSome(extra, DETAIL_ITEMS)}`,
  ].filter((p): p is string => typeof p === 'string')
  if (problems.length > 0) return fail(problems.join('; '))
  return { ok: true, detail: `all ${files.size} uploaded files match the signed manifest of ${count}` }
}

function duplicatesOf(paths: readonly string[]): string[] {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const path of paths) (seen.has(path) ? repeated : seen).add(path)
  return [...repeated]
}

function fail(detail: string): ManifestDecision {
  return { ok: false, detail }
}
