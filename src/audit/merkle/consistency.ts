// Consistency proofs, RFC 9162 §2.1.4: generation as PROOF(m, D[n]) = SUBPROOF(m, D[n], true),
// verification by the spec's iterative algorithm, which recomputes both roots from the proof.
import { MerkleError } from './errors.js'
import { HASH_SIZE, nodeHash, sameHash, type Hash } from './hash.js'
import { checkLeafHashes, checkSize, splitPoint, subtreeRoot } from './tree.js'

export function consistencyProof(leaves: readonly Uint8Array[], first: number, second = leaves.length): Hash[] {
  checkSize(second, leaves.length)
  checkPair(first, second)
  checkLeafHashes(leaves.slice(0, second))
  if (first === 0 || first === second) return []
  const proof: Hash[] = []
  const sub = (m: number, start: number, end: number, complete: boolean): void => {
    const n = end - start
    if (m === n) {
      if (!complete) proof.push(subtreeRoot(leaves, start, end))
      return
    }
    const k = splitPoint(n)
    if (m <= k) {
      sub(m, start, start + k, complete)
      proof.push(subtreeRoot(leaves, start + k, end))
    } else {
      sub(m - k, start + k, end, false)
      proof.push(subtreeRoot(leaves, start, start + k))
    }
  }
  sub(first, 0, second, true)
  return proof
}

function checkPair(first: number, second: number): void {
  for (const [name, v] of [['first', first], ['second', second]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new MerkleError('invalid_argument', `${name} tree size ${v} is not a non-negative integer`)
  }
  if (first > second) throw new MerkleError('tree_shrank', `first tree size ${first} is larger than second tree size ${second}`)
}

/**
 * Throws unless `proof` shows that the tree of size `second` with root `secondRoot` extends the
 * tree of size `first` with root `firstRoot`. An empty tree is a prefix of every tree.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): void {
  checkPair(first, second)
  for (const [i, p] of proof.entries()) {
    if (p.length !== HASH_SIZE) throw new MerkleError('invalid_argument', `proof hash ${i} is ${p.length} bytes, expected ${HASH_SIZE}`)
  }
  if (first === second) {
    if (proof.length !== 0) throw new MerkleError('proof_length', `a consistency proof between equal sizes must be empty, got ${proof.length} hashes`)
    if (!sameHash(firstRoot, secondRoot)) throw new MerkleError('inconsistent', `two different roots for the same tree size ${first}`)
    return
  }
  if (first === 0) {
    if (proof.length !== 0) throw new MerkleError('proof_length', `a consistency proof from the empty tree must be empty, got ${proof.length} hashes`)
    return
  }
  if (proof.length === 0) throw new MerkleError('proof_length', `consistency proof from ${first} to ${second} is empty`)
  const path = isPowerOfTwo(first) ? [Buffer.from(firstRoot), ...proof] : [...proof]
  let fn = first - 1
  let sn = second - 1
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  let fr: Hash = Buffer.from(path[0]!)
  let sr: Hash = Buffer.from(path[0]!)
  for (const c of path.slice(1)) {
    if (sn === 0) throw new MerkleError('proof_length', `consistency proof from ${first} to ${second} has more hashes than it needs`)
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr)
      sr = nodeHash(c, sr)
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2)
        sn = Math.floor(sn / 2)
      }
    } else {
      sr = nodeHash(sr, c)
    }
    fn = Math.floor(fn / 2)
    sn = Math.floor(sn / 2)
  }
  if (sn !== 0) throw new MerkleError('proof_length', `consistency proof from ${first} to ${second} has fewer hashes than it needs`)
  if (!sameHash(fr, firstRoot)) throw new MerkleError('inconsistent', `the tree of size ${second} does not extend the given tree of size ${first}: the proof leads to a different earlier root`)
  if (!sameHash(sr, secondRoot)) throw new MerkleError('inconsistent', `consistency proof from ${first} to ${second} leads to a different later root`)
}

// Math.log2 is exact on powers of two; bitwise tricks would break past 2^31 leaves.
const isPowerOfTwo = (n: number) => n > 0 && Number.isInteger(Math.log2(n))
