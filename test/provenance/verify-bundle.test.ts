import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { verifyProvenance } from '../../src/provenance/index.js'
import { bundleFor, check, context, failedChecks, FILES, makeKey, modelSigningStatement, slsaStatement } from './fixtures.js'

type Json = Record<string, any>

describe('verifyProvenance: Sigstore bundles signed with a public key', () => {
  it.each([makeKey('ed25519'), makeKey('p256'), makeKey('p384')])('accepts a good v0.3 bundle signed with $kind', (key) => {
    const bundle = bundleFor(slsaStatement(), key)
    expect(bundle.mediaType).toBe('application/vnd.dev.sigstore.bundle.v0.3+json')
    const result = verifyProvenance(bundle, context([makeKey('p256').trusted(), key.trusted()]))
    expect(failedChecks(result)).toEqual([])
    expect(result).toMatchObject({ ok: true, container: 'sigstore-bundle', signer: { keyId: key.keyId } })
  })

  it('accepts the v0.2 media type', () => {
    const key = makeKey('p256')
    const bundle = { ...bundleFor(slsaStatement(), key), mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.2' }
    expect(verifyProvenance(bundle, context([key.trusted()])).ok).toBe(true)
  })

  it('accepts a model_signing bundle: hint is the sha256 of the PEM, the DSSE keyid empty, tlogEntries absent', () => {
    const key = makeKey('p384')
    const bundle = bundleFor(modelSigningStatement(), key, createHash('sha256').update(key.publicPem).digest('hex')) as Json
    bundle.dsseEnvelope.signatures[0].keyid = ''
    delete bundle.verificationMaterial.tlogEntries
    const result = verifyProvenance(bundle, context([key.trusted()], { uploadedFiles: FILES }, { requireDatasets: false }))
    expect(failedChecks(result)).toEqual([])
    expect(result.notes).toEqual(['a model_signing manifest names no builder and no training data'])
  })

  it('fails the signature check on a tampered bundle', () => {
    const key = makeKey('ed25519')
    const bundle = bundleFor(slsaStatement(), key) as Json
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(slsaStatement({ builder: 'https://evil' }))).toString('base64')
    const result = verifyProvenance(bundle, context([key.trusted()]))
    expect(result.ok).toBe(false)
    expect(failedChecks(result)).toEqual(['signature'])
  })

  it('fails for a bundle signed by an untrusted key', () => {
    const bundle = bundleFor(slsaStatement(), makeKey('p256'))
    const result = verifyProvenance(bundle, context([makeKey('p256').trusted()]))
    expect(failedChecks(result)).toEqual(['signature', 'trusted_key'])
  })

  it('ignores transparency-log entries and timestamps, with a note', () => {
    const key = makeKey('p256')
    const bundle = bundleFor(slsaStatement(), key) as Json
    bundle.verificationMaterial.tlogEntries = [{ logIndex: '1', logId: { keyId: 'AAAA' }, kindVersion: { kind: 'dsse', version: '0.0.1' }, integratedTime: '1700000000', canonicalizedBody: 'e30=' }]
    bundle.verificationMaterial.timestampVerificationData = { rfc3161Timestamps: [{ signedTimestamp: 'AAAA' }] }
    const result = verifyProvenance(bundle, context([key.trusted()]))
    expect(result.ok).toBe(true)
    expect(result.notes.join(' ')).toMatch(/1 transparency-log entry ignored/)
    expect(result.notes.join(' ')).toMatch(/RFC 3161 timestamps ignored/)
  })

  it.each([
    ['an unknown media type', (b: Json) => ({ ...b, mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1' })],
    ['a certificate instead of a public key', (b: Json) => ({ ...b, verificationMaterial: { certificate: { rawBytes: 'MIIB' } } })],
    ['a message signature', (b: Json) => ({ mediaType: b.mediaType, verificationMaterial: b.verificationMaterial, messageSignature: { messageDigest: { algorithm: 'SHA2_256', digest: 'AAAA' }, signature: 'AAAA' } })],
    ['two DSSE signatures', (b: Json) => ({ ...b, dsseEnvelope: { ...b.dsseEnvelope, signatures: [...b.dsseEnvelope.signatures, ...b.dsseEnvelope.signatures] } })],
    ['no verification material', (b: Json) => ({ mediaType: b.mediaType, dsseEnvelope: b.dsseEnvelope })],
  ])('fails format for %s', (_, change) => {
    const key = makeKey('ed25519')
    const result = verifyProvenance(change(bundleFor(slsaStatement(), key) as Json), context([key.trusted()]))
    expect(result.ok).toBe(false)
    expect(result.checks).toEqual([{ name: 'format', ok: false, detail: expect.stringMatching(/^Sigstore bundle: /) }])
  })

  it('names the bundle in format failures of the statement inside', () => {
    const key = makeKey('ed25519')
    const result = verifyProvenance(bundleFor({ _type: 'nope' }, key), context([key.trusted()]))
    expect(check(result, 'format')?.detail).toMatch(/^Sigstore bundle \(application\/vnd\.dev\.sigstore\.bundle\.v0\.3\+json\): _type is "nope"/)
  })
})
