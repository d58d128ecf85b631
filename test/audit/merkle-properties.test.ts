// Properties over random trees: every proof the generator makes verifies, and changing any
// input (a leaf, an index, a size, a proof hash, a root) makes verification fail.
import { generateKeyPairSync } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  consistencyProof, formatCheckpoint, Frontier, inclusionProof, leafHash, MerkleError, noteSigner, noteVerifier, openCheckpoint, parseCheckpoint, rootHash, signCheckpoint, verifyConsistency, verifyInclusion,
} from '../../src/audit/merkle/index.js'

const leavesArb = (min: number) => fc.array(fc.uint8Array({ maxLength: 12 }), { minLength: min, maxLength: 70 })
  // Distinct entries (an index prefix), so that moving a leaf changes the tree.
  .map((ds) => ds.map((d, i) => leafHash(Buffer.concat([Buffer.from([i]), d]))))
const flip = (b: Buffer, at: number) => {
  const c = Buffer.from(b)
  c[at % c.length]! ^= 1 << (at % 8)
  return c
}
const fails = (fn: () => void) => {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MerkleError)
    return true
  }
  return false
}

describe('Merkle tree properties', () => {
  it('the frontier yields the MTH of every prefix', () => {
    fc.assert(fc.property(leavesArb(0), (leaves) => {
      const f = new Frontier()
      expect(f.root().equals(rootHash([]))).toBe(true)
      for (let i = 0; i < leaves.length; i++) {
        f.append(leaves[i]!)
        expect(f.root().equals(rootHash(leaves, i + 1))).toBe(true)
      }
    }))
  })

  it('inclusion proofs verify, are at most ceil(log2 n) long, and fail on any change', () => {
    fc.assert(fc.property(leavesArb(1), fc.nat(), fc.nat(), (leaves, a, b) => {
      const n = leaves.length
      const i = a % n
      const root = rootHash(leaves)
      const proof = inclusionProof(leaves, i)
      expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)))
      verifyInclusion(i, n, leaves[i]!, proof, root)
      const other = b % n
      if (other !== i) expect(fails(() => verifyInclusion(i, n, leaves[other]!, proof, root))).toBe(true)
      if (other !== i) expect(fails(() => verifyInclusion(other, n, leaves[i]!, proof, root))).toBe(true)
      expect(fails(() => verifyInclusion(i, n, leaves[i]!, proof, flip(root, b)))).toBe(true)
      if (proof.length > 0) {
        const k = b % proof.length
        expect(fails(() => verifyInclusion(i, n, leaves[i]!, proof.map((p, j) => (j === k ? flip(p, b) : p)), root))).toBe(true)
        expect(fails(() => verifyInclusion(i, n, leaves[i]!, proof.slice(1), root))).toBe(true)
      }
    }))
  })

  it('consistency proofs verify between any two sizes and fail when history changed', () => {
    fc.assert(fc.property(leavesArb(1), fc.nat(), fc.nat(), (leaves, a, b) => {
      const n = leaves.length
      const m = a % (n + 1)
      const proof = consistencyProof(leaves, m, n)
      expect(proof.length).toBeLessThanOrEqual(Math.ceil(Math.log2(n)) + 1)
      verifyConsistency(m, n, rootHash(leaves, m), rootHash(leaves), proof)
      if (m > 0 && m < n) {
        // A rewritten entry before m: the earlier root no longer fits the later tree.
        const rewritten = leaves.map((l, j) => (j === b % m ? flip(l, b) : l))
        expect(fails(() => verifyConsistency(m, n, rootHash(leaves, m), rootHash(rewritten), consistencyProof(rewritten, m, n)))).toBe(true)
        expect(fails(() => verifyConsistency(m, n, rootHash(leaves, m), rootHash(leaves), proof.map((p, j) => (j === b % proof.length ? flip(p, b) : p))))).toBe(true)
        if (m + 1 < n) expect(fails(() => verifyConsistency(m + 1, n, rootHash(leaves, m), rootHash(leaves), proof))).toBe(true)
      }
    }))
  })
})

describe('checkpoint properties', () => {
  const { privateKey } = generateKeyPairSync('ed25519')
  const signer = noteSigner('modelgate.test/audit', privateKey)
  const verifier = noteVerifier('modelgate.test/audit', signer.publicKey)
  const cpArb = fc.record({
    size: fc.nat({ max: Number.MAX_SAFE_INTEGER }),
    root: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b)),
    extensions: fc.array(fc.stringMatching(/^[a-z][a-z0-9 :.-]{0,20}$/), { maxLength: 3 }),
  })

  it('format, sign, open and parse round-trip; any edit to the signed note is refused', () => {
    fc.assert(fc.property(cpArb, fc.nat(), (c, at) => {
      const cp = { origin: 'modelgate.test/audit', ...c }
      expect(parseCheckpoint(formatCheckpoint(cp))).toEqual(cp)
      const note = signCheckpoint(cp, signer)
      expect(openCheckpoint(note, verifier)).toEqual(cp)
      const body = formatCheckpoint(cp)
      const i = at % body.length
      const edited = body.slice(0, i) + (body[i] === 'A' ? 'B' : 'A') + note.slice(i + 1)
      expect(fails(() => openCheckpoint(edited, verifier))).toBe(true)
    }))
  })

  it('refuses another origin and a malformed body', () => {
    const note = signCheckpoint({ origin: 'another.log', size: 1, root: Buffer.alloc(32), extensions: [] }, signer)
    expect(() => openCheckpoint(note, verifier)).toThrow(/another\.log/)
    for (const bad of ['o\n01\nAAAA\n', 'o\n1\n' + Buffer.alloc(31).toString('base64') + '\n', 'o\n-1\n' + Buffer.alloc(32).toString('base64') + '\n', 'o\n1\n']) {
      expect(() => parseCheckpoint(bad)).toThrow(MerkleError)
    }
  })
})
