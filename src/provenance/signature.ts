// Raw signatures for the accepted key types. ECDSA hashes with the digest matching the curve
// (P-256/SHA-256, P-384/SHA-384), as Sigstore's key details and the model_signing library do.
// Signatures are accepted in DER, which DSSE and Sigstore use, and in IEEE P1363 (r‖s),
// which WebCrypto and some KMS emit.
import { sign, verify, type KeyObject } from 'node:crypto'
import { algorithmOf, type KeyAlgorithm } from './keys.js'

const ECDSA: Record<Exclude<KeyAlgorithm, 'ed25519'>, { hash: string; size: number }> = {
  'ecdsa-p256': { hash: 'sha256', size: 32 },
  'ecdsa-p384': { hash: 'sha384', size: 48 },
}

export function verifySignature(algorithm: KeyAlgorithm, key: KeyObject, data: Buffer, signature: Buffer): boolean {
  try {
    if (algorithm === 'ed25519') return signature.length === 64 && verify(null, data, key, signature)
    const { hash, size } = ECDSA[algorithm]
    if (signature.length === 2 * size && verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature)) return true
    return verify(hash, data, { key, dsaEncoding: 'der' }, signature)
  } catch {
    // OpenSSL rejects some malformed DER by throwing rather than returning false.
    return false
  }
}

export function signBytes(privateKey: KeyObject, data: Buffer): Buffer {
  if (privateKey.type !== 'private') throw new TypeError('signing needs a private key')
  const algorithm = algorithmOf(privateKey)
  if (algorithm === 'ed25519') return sign(null, data, privateKey)
  return sign(ECDSA[algorithm].hash, data, { key: privateKey, dsaEncoding: 'der' })
}
