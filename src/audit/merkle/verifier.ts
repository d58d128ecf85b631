// What a witness or an auditor runs: holding a checkpoint it verified before, it fetches the
// log's latest checkpoint and a consistency proof between the two and checks both offline,
// trusting only the log's public key. A rewritten, truncated or forked history cannot produce
// a proof that verifies against the earlier root.
import { openCheckpoint, type Checkpoint } from './checkpoint.js'
import { verifyConsistency } from './consistency.js'
import { MerkleError, type MerkleErrorCode } from './errors.js'
import type { NoteVerifierKey } from './note.js'

export interface LogSource {
  /** The log's latest signed checkpoint, as note text. */
  latestCheckpoint(): Promise<string>
  /** Hashes proving the tree of size `second` extends the tree of size `first`. */
  consistencyProof(first: number, second: number): Promise<Uint8Array[]>
}

export type AdvanceVerdict =
  | { ok: true; checkpoint: Checkpoint; note: string; previous: Checkpoint | null }
  | { ok: false; code: MerkleErrorCode | 'fetch_failed'; reason: string; previous: Checkpoint | null }

export async function verifyLogAdvance(opts: { key: NoteVerifierKey; origin?: string; previous?: string | null; source: LogSource }): Promise<AdvanceVerdict> {
  const { key, origin, source } = opts
  let previous: Checkpoint | null = null
  try {
    previous = opts.previous ? openCheckpoint(opts.previous, key, origin) : null
  } catch (error) {
    return failure(error, null, 'the checkpoint held before')
  }
  let note: string
  try {
    note = await source.latestCheckpoint()
  } catch (error) {
    return { ok: false, code: 'fetch_failed', reason: `fetching the latest checkpoint failed: ${(error as Error).message}`, previous }
  }
  if (typeof note !== 'string') return { ok: false, code: 'malformed_note', reason: 'the log returned no checkpoint text', previous }
  let latest: Checkpoint
  try {
    latest = openCheckpoint(note, key, origin)
  } catch (error) {
    return failure(error, previous, 'the latest checkpoint')
  }
  if (!previous) return { ok: true, checkpoint: latest, note, previous }
  if (latest.size < previous.size) {
    return { ok: false, code: 'tree_shrank', reason: `the log shrank from ${previous.size} to ${latest.size} entries: entries were removed`, previous }
  }
  let proof: Uint8Array[] = []
  if (latest.size !== previous.size) {
    try {
      proof = await source.consistencyProof(previous.size, latest.size)
    } catch (error) {
      return { ok: false, code: 'fetch_failed', reason: `fetching the consistency proof ${previous.size} -> ${latest.size} failed: ${(error as Error).message}`, previous }
    }
  }
  try {
    verifyConsistency(previous.size, latest.size, previous.root, latest.root, proof)
  } catch (error) {
    return failure(error, previous, `the log's history between ${previous.size} and ${latest.size} entries`)
  }
  return { ok: true, checkpoint: latest, note, previous }
}

function failure(error: unknown, previous: Checkpoint | null, what: string): AdvanceVerdict {
  if (error instanceof MerkleError) return { ok: false, code: error.code, reason: `${what}: ${error.message}`, previous }
  throw error
}
