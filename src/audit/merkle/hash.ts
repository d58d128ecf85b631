// RFC 9162 §2.1.1 hashing: a domain-separation byte keeps a leaf from ever hashing like an
// interior node, so no one can present two leaves' hashes as a leaf.
import { createHash } from 'node:crypto'

export const HASH_SIZE = 32
export type Hash = Buffer

const LEAF_PREFIX = Buffer.from([0x00])
const NODE_PREFIX = Buffer.from([0x01])

export function leafHash(leaf: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(leaf).digest()
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest()
}

/** MTH({}) = SHA-256() */
export const EMPTY_ROOT: Hash = createHash('sha256').digest()

export function sameHash(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0
}
