import { sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { preAuthEncoding, signDsse, verifyDsse } from '../../src/provenance/index.js'
import { makeKey, type KeyKind } from './fixtures.js'

const TYPE = 'application/vnd.in-toto+json'

describe('DSSE pre-authentication encoding', () => {
  it('is "DSSEv1 <len> <type> <len> <payload>" with byte lengths', () => {
    expect(preAuthEncoding('t/ü', Buffer.from('héllo')).toString()).toBe('DSSEv1 4 t/ü 6 héllo')
  })
})

describe('signDsse → verifyDsse', () => {
  it.each(['ed25519', 'p256', 'p384'] satisfies KeyKind[])('round-trips with %s', (kind) => {
    const key = makeKey(kind)
    const envelope = signDsse(TYPE, '{"hello":"world"}', key.privateKey, key.keyId)
    expect(envelope.signatures[0]?.keyid).toBe(key.keyId)
    const verified = verifyDsse(envelope, [makeKey('ed25519').trusted(), key.trusted()])
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    expect(verified.payloadType).toBe(TYPE)
    expect(verified.payload.toString()).toBe('{"hello":"world"}')
    expect(verified.signedBy.keyId).toBe(key.keyId)
  })

  it('tries every trusted key when keyid is absent', () => {
    const key = makeKey('p384')
    const envelope = signDsse(TYPE, 'x', key.privateKey, '')
    expect(envelope.signatures[0]).not.toHaveProperty('keyid')
    const verified = verifyDsse(envelope, [makeKey('p256').trusted(), makeKey('ed25519').trusted(), key.trusted()])
    expect(verified.ok && verified.signedBy.keyId).toBe(key.keyId)
  })

  it('accepts ECDSA signatures in IEEE P1363 (r‖s) as well as DER', () => {
    for (const [kind, hash] of [['p256', 'sha256'], ['p384', 'sha384']] as const) {
      const key = makeKey(kind)
      const payload = Buffer.from('p1363')
      const sig = sign(hash, preAuthEncoding(TYPE, payload), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
      const envelope = { payloadType: TYPE, payload: payload.toString('base64'), signatures: [{ sig: sig.toString('base64') }] }
      expect(verifyDsse(envelope, [key.trusted()]).ok).toBe(true)
    }
  })

  it('refuses P-384 signed over SHA-256: the hash must match the curve', () => {
    const key = makeKey('p384')
    const payload = Buffer.from('x')
    const sig = sign('sha256', preAuthEncoding(TYPE, payload), key.privateKey)
    const envelope = { payloadType: TYPE, payload: payload.toString('base64'), signatures: [{ sig: sig.toString('base64') }] }
    expect(verifyDsse(envelope, [key.trusted()]).ok).toBe(false)
  })

  it('accepts URL-safe base64', () => {
    const key = makeKey('ed25519')
    const envelope = signDsse(TYPE, Buffer.from([0xfb, 0xff, 0xfe, 0x3e]), key.privateKey, key.keyId)
    const urlSafe = {
      ...envelope,
      payload: Buffer.from(envelope.payload, 'base64').toString('base64url'),
      signatures: envelope.signatures.map((s) => ({ ...s, sig: Buffer.from(s.sig, 'base64').toString('base64url') })),
    }
    expect(verifyDsse(urlSafe, [key.trusted()]).ok).toBe(true)
  })

  it('reports a tampered payload or payload type as a signature failure of the named key', () => {
    const key = makeKey('ed25519')
    const envelope = signDsse(TYPE, '{"a":1}', key.privateKey, key.keyId)
    const tampered = { ...envelope, payload: Buffer.from('{"a":2}').toString('base64') }
    expect(verifyDsse(tampered, [key.trusted()])).toMatchObject({ ok: false, failure: 'signature' })
    const retyped = { ...envelope, payloadType: 'application/json' }
    expect(verifyDsse(retyped, [key.trusted()])).toMatchObject({ ok: false, failure: 'signature' })
  })

  it('reports a signature by an unknown key as untrusted', () => {
    const stranger = makeKey('p256')
    const envelope = signDsse(TYPE, 'x', stranger.privateKey, stranger.keyId)
    const verified = verifyDsse(envelope, [makeKey('p256').trusted()])
    expect(verified).toMatchObject({ ok: false, failure: 'untrusted_key' })
    expect(!verified.ok && verified.detail).toMatch(/not in the trust store/)
  })

  it('takes keyid only as a hint: a wrong keyid does not stop a valid signature, and is noted', () => {
    const key = makeKey('ed25519')
    const envelope = signDsse(TYPE, 'x', key.privateKey, 'somebody-else')
    const verified = verifyDsse(envelope, [key.trusted()])
    expect(verified.ok).toBe(true)
    expect(verified.notes.join(' ')).toMatch(/names key somebody-else/)
  })

  it('finds the trusted signature among several', () => {
    const stranger = makeKey('ed25519')
    const key = makeKey('p256')
    const a = signDsse(TYPE, 'x', stranger.privateKey, stranger.keyId)
    const b = signDsse(TYPE, 'x', key.privateKey, key.keyId)
    const both = { ...a, signatures: [...a.signatures, ...b.signatures] }
    const verified = verifyDsse(both, [key.trusted()])
    expect(verified.ok && verified.verifiedBy.map((k) => k.keyId)).toEqual([key.keyId])
  })

  it('ignores a trust-store entry whose PEM is not the key it claims to be', () => {
    const key = makeKey('ed25519')
    const envelope = signDsse(TYPE, 'x', key.privateKey, key.keyId)
    const forged = { ...key.trusted(), keyId: 'f'.repeat(64) }
    const verified = verifyDsse(envelope, [forged])
    expect(verified.ok).toBe(false)
    expect(verified.notes.join(' ')).toMatch(/ignored: its PEM has key id/)
    const relabelled = { ...key.trusted(), algorithm: 'ecdsa-p256' as const }
    expect(verifyDsse(envelope, [relabelled]).notes.join(' ')).toMatch(/stored as ecdsa-p256/)
  })

  it.each([
    ['not an object', 'hello'],
    ['no payloadType', { payload: 'eA==', signatures: [{ sig: 'eA==' }] }],
    ['payload not base64', { payloadType: TYPE, payload: 'e!A==', signatures: [{ sig: 'eA==' }] }],
    ['wrong padding', { payloadType: TYPE, payload: 'eA=', signatures: [{ sig: 'eA==' }] }],
    ['non-canonical base64', { payloadType: TYPE, payload: 'eB==', signatures: [{ sig: 'eA==' }] }],
    ['no signatures', { payloadType: TYPE, payload: 'eA==', signatures: [] }],
    ['sig not base64', { payloadType: TYPE, payload: 'eA==', signatures: [{ sig: '***' }] }],
    ['keyid a number', { payloadType: TYPE, payload: 'eA==', signatures: [{ sig: 'eA==', keyid: 7 }] }],
    ['too many signatures', { payloadType: TYPE, payload: 'eA==', signatures: Array.from({ length: 17 }, () => ({ sig: 'eA==' })) }],
  ])('refuses a malformed envelope (%s) as format', (_, envelope) => {
    expect(verifyDsse(envelope, [makeKey('ed25519').trusted()])).toMatchObject({ ok: false, failure: 'format' })
  })
})
