// Known answers: the RFC 6962 test tree shared by the Certificate Transparency
// implementations, and the signed-note example of golang.org/x/mod/sumdb/note.
import { createPrivateKey } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  consistencyProof, formatVerifierKey, inclusionProof, leafHash, MerkleError, noteSigner, openNote, parseVerifierKey, rootHash, signNote, subtreeRoot, verifyConsistency, verifyInclusion,
} from '../../src/audit/merkle/index.js'

const h = (hex: string) => Buffer.from(hex, 'hex')
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((x) => leafHash(h(x)))
const ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map(h)

const code = (fn: () => unknown) => {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MerkleError)
    return (error as MerkleError).code
  }
  return 'no error'
}

describe('RFC 6962 test tree', () => {
  it('has the published root for every size 1..8, and SHA-256("") for the empty tree', () => {
    for (let n = 1; n <= 8; n++) expect(rootHash(LEAVES, n).toString('hex'), `size ${n}`).toBe(ROOTS[n - 1]!.toString('hex'))
    expect(rootHash([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('generates and verifies the published inclusion proofs', () => {
    const proof = inclusionProof(LEAVES, 5, 8)
    expect(proof.map((p) => p.toString('hex'))).toEqual([
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ])
    verifyInclusion(5, 8, LEAVES[5]!, proof, ROOTS[7]!)
    expect(code(() => verifyInclusion(4, 8, LEAVES[5]!, proof, ROOTS[7]!))).toBe('root_mismatch')
    expect(inclusionProof(LEAVES, 2, 3)).toEqual([ROOTS[1]])
    verifyInclusion(2, 3, LEAVES[2]!, [ROOTS[1]!], ROOTS[2]!)
    expect(inclusionProof(LEAVES, 0, 1)).toEqual([])
    verifyInclusion(0, 1, LEAVES[0]!, [], ROOTS[0]!)
  })

  it('generates and verifies the published consistency proofs', () => {
    const proof = consistencyProof(LEAVES, 6, 8)
    expect(proof.map((p) => p.toString('hex'))).toEqual([
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ])
    verifyConsistency(6, 8, ROOTS[5]!, ROOTS[7]!, proof)
    expect(code(() => verifyConsistency(6, 8, ROOTS[4]!, ROOTS[7]!, proof))).toBe('inconsistent')
    const twoToFive = consistencyProof(LEAVES, 2, 5)
    expect(twoToFive.map((p) => p.toString('hex'))).toEqual(['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'])
    verifyConsistency(2, 5, ROOTS[1]!, ROOTS[4]!, twoToFive)
    // A power-of-two first tree: its root is not repeated in the proof.
    expect(consistencyProof(LEAVES, 4, 8)).toEqual([subtreeRoot(LEAVES, 4, 8)])
    verifyConsistency(4, 8, ROOTS[3]!, ROOTS[7]!, consistencyProof(LEAVES, 4, 8))
  })

  it('refuses impossible arguments with a precise error', () => {
    expect(code(() => inclusionProof(LEAVES, 8, 8))).toBe('index_out_of_range')
    expect(code(() => inclusionProof(LEAVES, 0, 9))).toBe('size_out_of_range')
    expect(code(() => inclusionProof(LEAVES, -1, 8))).toBe('invalid_argument')
    expect(code(() => consistencyProof(LEAVES, 5, 3))).toBe('tree_shrank')
    expect(code(() => verifyConsistency(3, 3, ROOTS[2]!, ROOTS[3]!, []))).toBe('inconsistent')
    expect(code(() => verifyConsistency(3, 5, ROOTS[2]!, ROOTS[4]!, []))).toBe('proof_length')
    expect(code(() => verifyInclusion(5, 8, LEAVES[5]!, inclusionProof(LEAVES, 5, 8).slice(0, 2), ROOTS[7]!))).toBe('proof_length')
    expect(code(() => verifyInclusion(5, 8, LEAVES[5]!, [...inclusionProof(LEAVES, 5, 8), ROOTS[0]!], ROOTS[7]!))).toBe('proof_length')
    expect(code(() => verifyInclusion(5, 8, Buffer.alloc(31), inclusionProof(LEAVES, 5, 8), ROOTS[7]!))).toBe('invalid_argument')
    expect(code(() => rootHash([Buffer.alloc(3)]))).toBe('invalid_argument')
  })
})

describe('signed note (golang.org/x/mod/sumdb/note example)', () => {
  const vkey = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
  const skey = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz'
  const text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
  const signed = `${text}\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n`

  it('reproduces the published signature byte for byte and opens it', () => {
    const key = parseVerifierKey(vkey)
    expect(formatVerifierKey(key)).toBe(vkey)
    const seed = Buffer.from(skey.split('+').slice(4).join('+'), 'base64').subarray(1)
    const x = Buffer.from(vkey.split('+').slice(2).join('+'), 'base64').subarray(1)
    const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: seed.toString('base64url'), x: x.toString('base64url') }, format: 'jwk' })
    expect(signNote(text, noteSigner('PeterNeumann', privateKey))).toBe(signed)
    expect(openNote(signed, key)).toBe(text)
  })

  it('rejects an edited text, a foreign key, a mangled key and malformed notes', () => {
    const key = parseVerifierKey(vkey)
    expect(code(() => openNote(signed.replace('cryptography', 'cryptographY'), key))).toBe('bad_signature')
    expect(code(() => openNote(signed.replace('\u2014 PeterNeumann', '\u2014 EnochRoot'), key))).toBe('unknown_signer')
    expect(code(() => openNote(text, key))).toBe('malformed_note')
    expect(code(() => openNote(signed.replace('\u2014 ', '-- '), key))).toBe('malformed_note')
    expect(code(() => parseVerifierKey(vkey.replace('c74f20a3', 'c74f20a4')))).toBe('malformed_key')
    expect(code(() => parseVerifierKey('PeterNeumann'))).toBe('malformed_key')
  })
})
