// The Merkle tree hash of RFC 9162 §2.1.1 over leaf hashes, and a frontier (the roots of the
// perfect subtrees a prefix of the log decomposes into) that yields the root of every prefix
// while leaves stream past, without holding them.
import { MerkleError } from './errors.js'
import { EMPTY_ROOT, HASH_SIZE, nodeHash, type Hash } from './hash.js'

/** The largest power of two smaller than n (n > 1): where MTH splits n leaves. */
export function splitPoint(n: number): number {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}

export function checkLeafHashes(leaves: readonly Uint8Array[]): void {
  for (let i = 0; i < leaves.length; i++) {
    if (leaves[i]!.length !== HASH_SIZE) throw new MerkleError('invalid_argument', `leaf hash ${i} is ${leaves[i]!.length} bytes, expected ${HASH_SIZE}`)
  }
}

/** MTH(D[start:end]) for leaf hashes already computed. */
export function subtreeRoot(leaves: readonly Uint8Array[], start: number, end: number): Hash {
  const n = end - start
  if (n === 0) return EMPTY_ROOT
  if (n === 1) return Buffer.from(leaves[start]!)
  const k = splitPoint(n)
  return nodeHash(subtreeRoot(leaves, start, start + k), subtreeRoot(leaves, start + k, end))
}

/** The root of the first `size` leaves (all of them by default). */
export function rootHash(leaves: readonly Uint8Array[], size = leaves.length): Hash {
  checkSize(size, leaves.length)
  checkLeafHashes(leaves.slice(0, size))
  return subtreeRoot(leaves, 0, size)
}

export function checkSize(size: number, available: number): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new MerkleError('invalid_argument', `tree size ${size} is not a non-negative integer`)
  if (size > available) throw new MerkleError('size_out_of_range', `tree size ${size} exceeds the ${available} leaves available`)
}

/**
 * Appending leaf hashes one at a time: the stack holds one perfect subtree per set bit of the
 * size, largest first; the root folds them right to left, which is exactly MTH's split.
 */
export class Frontier {
  private readonly stack: { height: number; hash: Hash }[] = []
  private count = 0

  clone(): Frontier {
    const copy = new Frontier()
    copy.stack.push(...this.stack.map((n) => ({ ...n })))
    copy.count = this.count
    return copy
  }

  get size(): number {
    return this.count
  }

  append(leaf: Uint8Array): void {
    if (leaf.length !== HASH_SIZE) throw new MerkleError('invalid_argument', `leaf hash is ${leaf.length} bytes, expected ${HASH_SIZE}`)
    let node: { height: number; hash: Hash } = { height: 0, hash: Buffer.from(leaf) }
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.height === node.height) {
      const left = this.stack.pop()!
      node = { height: node.height + 1, hash: nodeHash(left.hash, node.hash) }
    }
    this.stack.push(node)
    this.count++
  }

  root(): Hash {
    if (this.stack.length === 0) return EMPTY_ROOT
    let r = this.stack[this.stack.length - 1]!.hash
    for (let i = this.stack.length - 2; i >= 0; i--) r = nodeHash(this.stack[i]!.hash, r)
    return r
  }
}
