// Inclusion proofs, RFC 9162 §2.1.3: generation as PATH(m, D[n]), verification by the
// spec's iterative algorithm (which never needs the tree, only the proof).
import { MerkleError } from './errors.js'
import { HASH_SIZE, nodeHash, sameHash, type Hash } from './hash.js'
import { checkLeafHashes, checkSize, splitPoint, subtreeRoot } from './tree.js'

export function inclusionProof(leaves: readonly Uint8Array[], index: number, size = leaves.length): Hash[] {
  checkSize(size, leaves.length)
  checkIndex(index, size)
  checkLeafHashes(leaves.slice(0, size))
  const path: Hash[] = []
  const walk = (m: number, start: number, end: number): void => {
    const n = end - start
    if (n <= 1) return
    const k = splitPoint(n)
    if (m < k) {
      walk(m, start, start + k)
      path.push(subtreeRoot(leaves, start + k, end))
    } else {
      walk(m - k, start + k, end)
      path.push(subtreeRoot(leaves, start, start + k))
    }
  }
  walk(index, 0, size)
  return path
}

function checkIndex(index: number, size: number): void {
  if (!Number.isSafeInteger(index) || index < 0) throw new MerkleError('invalid_argument', `leaf index ${index} is not a non-negative integer`)
  if (index >= size) throw new MerkleError('index_out_of_range', `leaf index ${index} is not below tree size ${size}`)
}

/** The root the proof leads to; throws if the proof's shape cannot fit the tree. */
export function rootFromInclusionProof(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[]): Hash {
  if (!Number.isSafeInteger(size) || size < 1) throw new MerkleError('invalid_argument', `tree size ${size} must be a positive integer`)
  checkIndex(index, size)
  if (leaf.length !== HASH_SIZE) throw new MerkleError('invalid_argument', `leaf hash is ${leaf.length} bytes, expected ${HASH_SIZE}`)
  let fn = index
  let sn = size - 1
  let r: Hash = Buffer.from(leaf)
  for (const [i, p] of proof.entries()) {
    if (p.length !== HASH_SIZE) throw new MerkleError('invalid_argument', `proof hash ${i} is ${p.length} bytes, expected ${HASH_SIZE}`)
    if (sn === 0) throw new MerkleError('proof_length', `inclusion proof has ${proof.length} hashes, more than a tree of size ${size} needs`)
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      r = nodeHash(r, p)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  if (sn !== 0) throw new MerkleError('proof_length', `inclusion proof has ${proof.length} hashes, fewer than a tree of size ${size} needs`)
  return r
}

export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  const computed = rootFromInclusionProof(index, size, leaf, proof)
  if (!sameHash(computed, root)) throw new MerkleError('root_mismatch', `inclusion proof for leaf ${index} leads to a different root than the tree of size ${size}`)
}
