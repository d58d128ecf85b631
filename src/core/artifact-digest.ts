// What an artifact digest names. A promotion's artifact.digest is either one file's sha256 or
// the manifest digest over a version's whole file set; both are resolved against the set that
// was frozen when the promotion was created, never against whatever the version holds now.
import { manifestDigestOfFiles } from '../provenance/index.js'

export interface FrozenFile {
  filename: string
  sha256: string
}

/**
 * One digest for a version made of several files, computed as OpenSSF model_signing v1.0 does
 * (sha256 over the files' digests in path order), so a signed manifest's subject and a
 * promotion's artifact.digest can name the same thing.
 */
export function manifestDigest(files: ReadonlyArray<FrozenFile>): string | null {
  if (files.length === 0) return null
  return `sha256:${manifestDigestOfFiles(files.map((f) => ({ path: f.filename, sha256: f.sha256 })))}`
}

/** The files of `frozen` the digest names: the files with that sha256, or all of them for the manifest digest; none otherwise. */
export function filesNamedBy(digest: string, frozen: ReadonlyArray<FrozenFile>): FrozenFile[] {
  const hex = digest.startsWith('sha256:') ? digest.slice('sha256:'.length) : null
  if (hex === null) return []
  const single = frozen.filter((f) => f.sha256 === hex)
  if (single.length > 0) return single
  return manifestDigest(frozen) === digest ? [...frozen] : []
}

/** Reads a promotion's stored frozen file set; null for a promotion that recorded none. */
export function frozenFilesOf(stored: unknown): FrozenFile[] | null {
  if (!Array.isArray(stored)) return null
  return stored.filter((f): f is FrozenFile => typeof f?.filename === 'string' && typeof f?.sha256 === 'string')
}
