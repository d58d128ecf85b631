// Keys the service trusts to sign provenance. Only ed25519 and ECDSA on P-256/P-384: these
// are what DSSE and Sigstore signers emit, and refusing RSA keeps one signature scheme per
// key type (no PKCS#1 v1.5 versus PSS ambiguity to get wrong).
import { createHash, createPublicKey, type KeyObject } from 'node:crypto'

export type KeyAlgorithm = 'ed25519' | 'ecdsa-p256' | 'ecdsa-p384'

export interface ParsedPublicKey {
  /** sha256 of the SubjectPublicKeyInfo DER, lowercase hex. */
  keyId: string
  algorithm: KeyAlgorithm
  key: KeyObject
}

export interface KeyScope {
  /** Builder ids (exact) whose provenance this key may sign; absent: any builder. */
  builders?: string[]
  /** Model name globs ("fraud-*", "?" one character); absent: any model. */
  models?: string[]
}

export interface TrustedKey {
  keyId: string
  algorithm: KeyAlgorithm
  pem: string
  scope: KeyScope
}

export class KeyError extends Error {
  override name = 'KeyError'
}

const PUBLIC_KEY_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/

export function parsePublicKey(pem: string): ParsedPublicKey {
  if (typeof pem !== 'string' || !PUBLIC_KEY_PEM.test(pem)) {
    // createPublicKey would also take a private key or a certificate and derive the public
    // half; a trust store holding either is a mistake worth refusing loudly.
    throw new KeyError('expected a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) block')
  }
  let key: KeyObject
  try {
    key = createPublicKey({ key: pem, format: 'pem' })
  } catch (error) {
    throw new KeyError(`unreadable public key: ${(error as Error).message}`)
  }
  return { keyId: keyIdOf(key), algorithm: algorithmOf(key), key }
}

export function algorithmOf(key: KeyObject): KeyAlgorithm {
  const type = key.asymmetricKeyType
  if (type === 'ed25519') return 'ed25519'
  if (type === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve
    if (curve === 'prime256v1') return 'ecdsa-p256'
    if (curve === 'secp384r1') return 'ecdsa-p384'
    throw new KeyError(`ECDSA curve ${curve ?? 'unknown'} is not accepted: use P-256 or P-384`)
  }
  if (type === 'rsa' || type === 'rsa-pss') {
    throw new KeyError('RSA keys are not accepted: use ed25519, ECDSA P-256 or ECDSA P-384')
  }
  throw new KeyError(`${type ?? 'unknown'} keys are not accepted: use ed25519, ECDSA P-256 or ECDSA P-384`)
}

export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')
}

/**
 * Names under which a bundle or envelope may point at this key: our key id, and the sha256
 * of the PEM text, which is what the OpenSSF model_signing library writes as a bundle's
 * `publicKey.hint` (its PEM has the same 64-column layout Node exports).
 */
export function keyHints(key: KeyObject): string[] {
  const pem = key.export({ type: 'spki', format: 'pem' }).toString()
  return [keyIdOf(key), createHash('sha256').update(pem).digest('hex')]
}

/** A trust-store entry for a PEM, with its id and algorithm read from the key itself. */
export function trustedKeyFromPem(pem: string, scope: KeyScope = {}): TrustedKey {
  const parsed = parsePublicKey(pem)
  return { keyId: parsed.keyId, algorithm: parsed.algorithm, pem, scope }
}
