import { describe, expect, it } from 'vitest'
import { signDsse, verifyProvenance } from '../../src/provenance/index.js'
import { ARTIFACT, BUILDER, check, context, envelopeFor, failedChecks, makeKey, sha256, slsaStatement } from './fixtures.js'

const ed = makeKey('ed25519')
const p256 = makeKey('p256')
const p384 = makeKey('p384')

describe('verifyProvenance: SLSA provenance v1', () => {
  it.each([ed, p256, p384])('accepts a good envelope signed with $kind', (key) => {
    const result = verifyProvenance(envelopeFor(slsaStatement(), key), context([key.trusted()]))
    expect(failedChecks(result)).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.checks.map((c) => c.name)).toEqual(['format', 'signature', 'trusted_key', 'predicate_type', 'subject_digest', 'builder', 'datasets'])
    expect(result).toMatchObject({
      container: 'dsse',
      signer: { keyId: key.keyId, algorithm: key.trusted().algorithm },
      predicateType: 'https://slsa.dev/provenance/v1',
      builder: BUILDER,
      subject: [{ name: 'model.safetensors', digest: { sha256: ARTIFACT } }],
    })
    expect(result.datasets).toEqual([
      { name: 'fraud-2024-06', uri: 's3://data/fraud/2024-06.parquet', digest: { sha256: sha256('fraud data') } },
      { uri: 'git+https://git.example.com/fraud-model@refs/heads/main', digest: { gitCommit: 'a'.repeat(40) } },
    ])
  })

  it('accepts the envelope as JSON text too', () => {
    expect(verifyProvenance(JSON.stringify(envelopeFor(slsaStatement(), ed)), context([ed.trusted()])).ok).toBe(true)
  })

  it('fails the signature check on a tampered payload and reads nothing from it', () => {
    const envelope = envelopeFor(slsaStatement(), ed)
    const forged = JSON.stringify(slsaStatement({ builder: 'https://evil.example.com' }))
    const result = verifyProvenance({ ...envelope, payload: Buffer.from(forged).toString('base64') }, context([ed.trusted()]))
    expect(result.ok).toBe(false)
    expect(failedChecks(result)).toEqual(['signature'])
    expect(check(result, 'signature')?.detail).toMatch(/does not verify/)
    expect(result.builder).toBeUndefined()
    expect(result.datasets).toEqual([])
  })

  it('fails signature and trusted_key for a signature by an untrusted key', () => {
    const stranger = makeKey('p256')
    const result = verifyProvenance(envelopeFor(slsaStatement(), stranger), context([ed.trusted(), p384.trusted()]))
    expect(result.ok).toBe(false)
    expect(failedChecks(result)).toEqual(['signature', 'trusted_key'])
    expect(check(result, 'trusted_key')?.detail).toMatch(/not in the trust store/)
  })

  it('fails trusted_key when the key may not sign for this model', () => {
    const result = verifyProvenance(envelopeFor(slsaStatement(), ed), context([ed.trusted({ models: ['credit-*'] })]))
    expect(failedChecks(result)).toEqual(['trusted_key'])
    expect(check(result, 'trusted_key')?.detail).toMatch(/may sign models \[credit-\*\], not "fraud-detector"/)
    expect(check(result, 'signature')?.ok).toBe(true)
  })

  it('accepts a key whose model glob covers the model', () => {
    expect(verifyProvenance(envelopeFor(slsaStatement(), ed), context([ed.trusted({ models: ['credit-*', 'fraud-*'] })])).ok).toBe(true)
  })

  it('uses whichever verified signer is in scope when an envelope carries several signatures', () => {
    const outOfScope = envelopeFor(slsaStatement(), ed)
    const inScope = envelopeFor(slsaStatement(), p384)
    const both = { ...outOfScope, signatures: [...outOfScope.signatures, ...inScope.signatures] }
    const result = verifyProvenance(both, context([ed.trusted({ models: ['credit-*'] }), p384.trusted({ models: ['fraud-*'] })]))
    expect(result.ok).toBe(true)
    expect(result.signer).toEqual({ keyId: p384.keyId, algorithm: 'ecdsa-p384' })
  })

  it('fails trusted_key when the key is scoped to other builders', () => {
    const result = verifyProvenance(envelopeFor(slsaStatement(), p256), context([p256.trusted({ builders: ['https://ci.example.com/other'] })]))
    expect(failedChecks(result)).toEqual(['trusted_key'])
    expect(check(result, 'trusted_key')?.detail).toMatch(/not "https:\/\/ci\.example\.com\/trainers/)
    expect(verifyProvenance(envelopeFor(slsaStatement(), p256), context([p256.trusted({ builders: [BUILDER] })])).ok).toBe(true)
  })

  it('fails subject_digest when the statement is about another artifact', () => {
    const result = verifyProvenance(envelopeFor(slsaStatement({ subjectHex: sha256('other model') }), ed), context([ed.trusted()]))
    expect(failedChecks(result)).toEqual(['subject_digest'])
    expect(check(result, 'subject_digest')?.detail).toMatch(/no subject has the artifact's digest/)
  })

  it('fails subject_digest when the artifact digest given is malformed', () => {
    const result = verifyProvenance(envelopeFor(slsaStatement(), ed), context([ed.trusted()], { artifactDigest: 'md5:abc' }))
    expect(failedChecks(result)).toEqual(['subject_digest'])
  })

  it('compares digests regardless of hex case', () => {
    const result = verifyProvenance(envelopeFor(slsaStatement({ subjectHex: ARTIFACT.toUpperCase() }), ed), context([ed.trusted()]))
    expect(result.ok).toBe(true)
  })

  it('fails predicate_type when policy does not allow it', () => {
    const result = verifyProvenance(envelopeFor(slsaStatement(), ed), context([ed.trusted()], {}, { allowedPredicateTypes: ['https://model_signing/signature/v1.0'] }))
    expect(failedChecks(result)).toEqual(['predicate_type'])
    expect(check(result, 'predicate_type')?.detail).toMatch(/not allowed by policy/)
  })

  it('fails predicate_type for an allowed type it cannot read, and does not pretend to know the builder', () => {
    const statement = { ...slsaStatement(), predicateType: 'https://example.com/custom/v1' }
    const result = verifyProvenance(envelopeFor(statement, ed), context([ed.trusted()], {}, { allowedPredicateTypes: ['https://example.com/custom/v1'] }))
    expect(failedChecks(result)).toEqual(['predicate_type', 'builder', 'datasets'])
    expect(check(result, 'predicate_type')?.detail).toMatch(/cannot read it/)
  })

  it('fails builder for an untrusted builder', () => {
    const result = verifyProvenance(envelopeFor(slsaStatement({ builder: 'https://laptop.example.com' }), ed), context([ed.trusted()], {}, { trustedBuilders: [BUILDER] }))
    expect(failedChecks(result)).toEqual(['builder'])
    expect(check(result, 'builder')?.detail).toMatch(/builder https:\/\/laptop\.example\.com is not trusted/)
    expect(verifyProvenance(envelopeFor(slsaStatement(), ed), context([ed.trusted()], {}, { trustedBuilders: [BUILDER] })).ok).toBe(true)
  })

  it('fails datasets when none are named and policy requires them', () => {
    const envelope = envelopeFor(slsaStatement({ resolvedDependencies: [] }), ed)
    const result = verifyProvenance(envelope, context([ed.trusted()]))
    expect(failedChecks(result)).toEqual(['datasets'])
    expect(check(result, 'datasets')?.detail).toMatch(/no training data sets are named/)
    expect(verifyProvenance(envelope, context([ed.trusted()], {}, { requireDatasets: false })).ok).toBe(true)
  })

  it('fails datasets that have no digest, or only md5/sha1', () => {
    const envelope = envelopeFor(
      slsaStatement({
        resolvedDependencies: [
          { uri: 's3://data/a.parquet', digest: { sha256: sha256('a') } },
          { uri: 's3://data/b.parquet' },
          { uri: 's3://data/c.parquet', digest: { md5: 'c'.repeat(32) } },
          { uri: 's3://data/d.parquet', digest: { sha256: 'not-hex' } },
        ],
      }),
      ed,
    )
    const result = verifyProvenance(envelope, context([ed.trusted()]))
    expect(failedChecks(result)).toEqual(['datasets'])
    const detail = check(result, 'datasets')?.detail ?? ''
    expect(detail).toMatch(/b\.parquet: no digest/)
    expect(detail).toMatch(/c\.parquet: only md5 digests/)
    expect(detail).toMatch(/d\.parquet: no well-formed digest/)
    expect(detail).not.toMatch(/a\.parquet/)
  })

  it('reads externalParameters.datasets, taking digests from resolvedDependencies by uri', () => {
    const data = { uri: 's3://data/fraud/2024-06.parquet', digest: { sha256: sha256('fraud data') } }
    const code = { uri: 'git+https://git.example.com/fraud-model', digest: { gitCommit: 'b'.repeat(40) } }
    const envelope = envelopeFor(
      slsaStatement({
        externalParameters: { datasets: ['s3://data/fraud/2024-06.parquet', { uri: 'hf://datasets/acme/labels', digest: { sha256: sha256('labels') } }] },
        resolvedDependencies: [code, data],
      }),
      ed,
    )
    const result = verifyProvenance(envelope, context([ed.trusted()]))
    expect(result.ok).toBe(true)
    expect(result.datasets).toEqual([data, { uri: 'hf://datasets/acme/labels', digest: { sha256: sha256('labels') } }])
    expect(check(result, 'datasets')?.detail).toMatch(/from externalParameters\.datasets/)
  })

  it('fails datasets when a declared data set resolved to no digest', () => {
    const envelope = envelopeFor(slsaStatement({ externalParameters: { datasets: ['s3://data/unpinned'] }, resolvedDependencies: [] }), ed)
    const result = verifyProvenance(envelope, context([ed.trusted()]))
    expect(failedChecks(result)).toEqual(['datasets'])
    expect(check(result, 'datasets')?.detail).toMatch(/s3:\/\/data\/unpinned: no digest/)
  })

  it('reports every failed rule at once', () => {
    const envelope = envelopeFor(slsaStatement({ subjectHex: sha256('x'), builder: 'https://other', resolvedDependencies: [] }), ed)
    const result = verifyProvenance(envelope, context([ed.trusted({ models: ['credit-*'] })], {}, { trustedBuilders: [BUILDER], allowedPredicateTypes: [] }))
    expect(failedChecks(result)).toEqual(['trusted_key', 'predicate_type', 'subject_digest', 'builder', 'datasets'])
  })

  it.each([
    ['a payload that is not in-toto', { payloadType: 'application/json' }],
    ['a Statement v0.1', { _type: 'https://in-toto.io/Statement/v0.1' }],
    ['no subject', { subject: [] }],
    ['a subject without digest', { subject: [{ name: 'x' }] }],
    ['no builder id', { predicate: { buildDefinition: { buildType: 't', externalParameters: {} }, runDetails: { builder: {} } } }],
    ['no externalParameters', { predicate: { buildDefinition: { buildType: 't' }, runDetails: { builder: { id: BUILDER } } } }],
  ])('fails format for %s', (_, change) => {
    const { payloadType, ...statementChange } = change as Record<string, unknown>
    const statement = { ...slsaStatement(), ...statementChange }
    const signed = typeof payloadType === 'string' ? signWithType(payloadType, statement) : envelopeFor(statement, ed)
    const result = verifyProvenance(signed, context([ed.trusted()]))
    expect(result.ok).toBe(false)
    expect(check(result, 'format')?.ok).toBe(false)
    expect(check(result, 'signature')?.ok).toBe(true)
  })
})

/** Signed properly under another payload type, so only the type itself is wrong. */
function signWithType(payloadType: string, statement: unknown) {
  return signDsse(payloadType, JSON.stringify(statement), ed.privateKey, ed.keyId)
}
