// DSSE v1 signing and verification over the pre-authentication encoding
// "DSSEv1 <len(type)> <type> <len(payload)> <payload>", so neither the payload nor its type
// can be swapped under a valid signature.
import type { KeyObject } from 'node:crypto'
import { dsse } from '@sigstore/core'
import { encodeBase64 } from './base64.js'
import { readEnvelope, type DsseEnvelope } from './dsse-envelope.js'
import { short } from './hex.js'
import type { TrustedKey } from './keys.js'
import { signBytes, verifySignature } from './signature.js'
import { usableKeys, type UsableKey } from './trust-store.js'

export type { DsseEnvelope, DsseSignature } from './dsse-envelope.js'

export type DsseFailureKind =
  /** The envelope is not well-formed DSSE. */
  | 'format'
  /** A signature names a trusted key, and does not verify under it: something was altered. */
  | 'signature'
  /** No trusted key verifies any signature, and none was named (or only unknown keys were). */
  | 'untrusted_key'

export type DsseVerification =
  | {
      ok: true
      payloadType: string
      payload: Buffer
      /** The first trusted key a signature verified under. */
      signedBy: TrustedKey
      /** Every trusted key some signature verified under, in signature order. */
      verifiedBy: TrustedKey[]
      notes: string[]
    }
  | { ok: false; failure: DsseFailureKind; detail: string; notes: string[] }

export interface DsseOptions {
  /** A key name from outside the envelope (a Sigstore bundle's publicKey.hint). */
  keyHint?: string
}

export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  return dsse.preAuthEncoding(payloadType, payload)
}

export function signDsse(payloadType: string, payload: Buffer | Uint8Array | string, privateKey: KeyObject, keyId: string): DsseEnvelope {
  const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload)
  const sig = encodeBase64(signBytes(privateKey, preAuthEncoding(payloadType, bytes)))
  return { payloadType, payload: encodeBase64(bytes), signatures: [keyId ? { keyid: keyId, sig } : { sig }] }
}

/**
 * Verifies an envelope against the trust store. keyid (and a bundle's hint) are unauthenticated
 * names: they order which keys are tried and shape the failure message, but every trusted key
 * is tried, and only a signature that verifies counts.
 */
export function verifyDsse(envelope: unknown, keys: readonly TrustedKey[], options: DsseOptions = {}): DsseVerification {
  const store = usableKeys(keys)
  const notes = [...store.notes]
  const read = readEnvelope(envelope)
  if (!read.ok) return { ok: false, failure: 'format', detail: read.detail, notes }
  const { payloadType, payload, signatures } = read.envelope
  if (store.keys.length === 0) {
    return { ok: false, failure: 'untrusted_key', detail: 'the trust store holds no usable key', notes }
  }
  const pae = preAuthEncoding(payloadType, payload)
  const verified: UsableKey[] = []
  const namedTrusted: UsableKey[] = []
  const namedUnknown: string[] = []
  for (const signature of signatures) {
    const hints = [signature.keyid, options.keyHint].filter((h): h is string => typeof h === 'string' && h !== '')
    const named = store.keys.filter((k) => hints.some((h) => k.hints.has(h.toLowerCase())))
    if (named.length > 0) namedTrusted.push(...named)
    else namedUnknown.push(...hints)
    const order = [...named, ...store.keys.filter((k) => !named.includes(k))]
    const match = order.find((k) => verifySignature(k.parsed.algorithm, k.parsed.key, pae, signature.sig))
    if (!match) continue
    if (!verified.includes(match)) verified.push(match)
    if (hints.length > 0 && !named.includes(match)) {
      notes.push(`a signature names key ${hints.map(short).join(' / ')} but verified under trusted key ${short(match.trusted.keyId)}`)
    }
  }
  const first = verified[0]
  if (first) {
    return { ok: true, payloadType, payload, signedBy: first.trusted, verifiedBy: verified.map((k) => k.trusted), notes }
  }
  if (namedTrusted.length > 0) {
    const names = [...new Set(namedTrusted.map((k) => short(k.trusted.keyId)))].join(', ')
    return {
      ok: false,
      failure: 'signature',
      detail: `the signature made with trusted key ${names} does not verify: the payload, its type or the signature was altered`,
      notes,
    }
  }
  const detail =
    namedUnknown.length > 0
      ? `signed by key ${[...new Set(namedUnknown)].map(short).join(', ')}, which is not in the trust store, and no trusted key verifies any signature`
      : 'no trusted key verifies any signature: it was made by a key that is not trusted, or the envelope was altered'
  return { ok: false, failure: 'untrusted_key', detail, notes }
}
