// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the body of a signed note naming
// the log (origin), its size in decimal, the base64 root hash, then optional extension lines.
// The service adds one extension line, `time <RFC 3339>`, saying when it signed.
import { MerkleError } from './errors.js'
import { HASH_SIZE, type Hash } from './hash.js'
import { openNote, signNote, strictBase64, type NoteSigner, type NoteVerifierKey } from './note.js'

export interface Checkpoint {
  origin: string
  size: number
  root: Hash
  extensions: string[]
}

export function formatCheckpoint(cp: Checkpoint): string {
  if (cp.origin === '' || /[\n]/.test(cp.origin)) throw new MerkleError('malformed_checkpoint', 'origin must be one non-empty line')
  if (!Number.isSafeInteger(cp.size) || cp.size < 0) throw new MerkleError('malformed_checkpoint', `tree size ${cp.size} is not a non-negative integer`)
  if (cp.root.length !== HASH_SIZE) throw new MerkleError('malformed_checkpoint', `root hash is ${cp.root.length} bytes, expected ${HASH_SIZE}`)
  for (const e of cp.extensions) if (e === '' || e.includes('\n')) throw new MerkleError('malformed_checkpoint', 'extension lines must be non-empty single lines')
  return [cp.origin, String(cp.size), cp.root.toString('base64'), ...cp.extensions].join('\n') + '\n'
}

export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw new MerkleError('malformed_checkpoint', 'checkpoint must end with a newline')
  const lines = text.slice(0, -1).split('\n')
  if (lines.length < 3) throw new MerkleError('malformed_checkpoint', `checkpoint has ${lines.length} lines, at least 3 needed (origin, size, root)`)
  const [origin, sizeLine, rootLine, ...extensions] = lines as [string, string, string, ...string[]]
  if (origin === '') throw new MerkleError('malformed_checkpoint', 'origin line is empty')
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine)) throw new MerkleError('malformed_checkpoint', `tree size ${JSON.stringify(sizeLine)} is not a decimal without leading zeros`)
  const size = Number(sizeLine)
  if (!Number.isSafeInteger(size)) throw new MerkleError('malformed_checkpoint', `tree size ${sizeLine} is too large`)
  let root: Buffer
  try {
    root = strictBase64(rootLine, 'root hash')
  } catch (error) {
    throw new MerkleError('malformed_checkpoint', (error as Error).message)
  }
  if (root.length !== HASH_SIZE) throw new MerkleError('malformed_checkpoint', `root hash is ${root.length} bytes, expected ${HASH_SIZE}`)
  if (extensions.some((e) => e === '')) throw new MerkleError('malformed_checkpoint', 'extension lines must be non-empty')
  return { origin, size, root, extensions }
}

export function signCheckpoint(cp: Checkpoint, signer: NoteSigner): string {
  return signNote(formatCheckpoint(cp), signer)
}

/** Verifies the signature, then parses; with `origin`, the checkpoint must name that log. */
export function openCheckpoint(note: string, key: NoteVerifierKey, origin?: string): Checkpoint {
  const cp = parseCheckpoint(openNote(note, key))
  const expected = origin ?? key.name
  if (cp.origin !== expected) throw new MerkleError('origin_mismatch', `checkpoint is for log ${JSON.stringify(cp.origin)}, expected ${JSON.stringify(expected)}`)
  return cp
}

/** The `time` extension line, if present and well formed. */
export function checkpointTime(cp: Checkpoint): string | null {
  const line = cp.extensions.find((e) => e.startsWith('time '))
  const value = line?.slice(5) ?? ''
  return value && !Number.isNaN(Date.parse(value)) ? value : null
}
