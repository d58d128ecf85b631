import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { signDsse, verifyDsse, verifyProvenance } from '../../src/provenance/index.js'
import { bundleFor, context, envelopeFor, makeKey, modelSigningStatement, slsaStatement } from './fixtures.js'

const key = makeKey('ed25519')
const ecKey = makeKey('p256')
const ctx = context([key.trusted(), ecKey.trusted()])
const good = envelopeFor(slsaStatement(), key)
const goodBundle = bundleFor(modelSigningStatement(), ecKey)
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

function decoded(text: string): string | undefined {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? Buffer.from(text, 'base64').toString('hex') : undefined
}

describe('never throws, never verifies what it should not', () => {
  it('starts from inputs that do verify', () => {
    expect(verifyProvenance(good, ctx).ok).toBe(true)
    expect(verifyProvenance(goodBundle, { ...ctx, policy: { ...ctx.policy, requireDatasets: false } }).ok).toBe(true)
  })

  it('random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = verifyProvenance(value, ctx)
        expect(result.ok).toBe(false)
        expect(result.checks.some((c) => !c.ok)).toBe(true)
        expect(verifyDsse(value, ctx.trustedKeys).ok).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('random values of any type, including in envelope and bundle positions', () => {
    const anything = fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true })
    fc.assert(
      fc.property(anything, anything, anything, (a, b, c) => {
        for (const input of [
          a,
          { payloadType: a, payload: b, signatures: c },
          { payloadType: 'application/vnd.in-toto+json', payload: good.payload, signatures: [{ sig: a, keyid: b }] },
          { mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json', verificationMaterial: a, dsseEnvelope: b },
          { ...goodBundle, verificationMaterial: { publicKey: { hint: a }, tlogEntries: b } },
        ]) {
          expect(verifyProvenance(input, ctx).ok).toBe(false)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('envelopes with one character of the payload, type or signature changed', () => {
    const field = fc.constantFrom('payload', 'payloadType', 'sig')
    fc.assert(
      fc.property(field, fc.nat(), fc.constantFrom(...BASE64, '=', '-', '_', '!', ' '), (which, at, replacement) => {
        const original = which === 'sig' ? good.signatures[0]!.sig : good[which]
        const index = at % original.length
        const mutated = original.slice(0, index) + replacement + original.slice(index + 1)
        fc.pre(mutated !== original)
        // Base64 re-spellings of the same bytes are not a change.
        if (which !== 'payloadType') fc.pre(decoded(mutated) !== decoded(original))
        const envelope =
          which === 'sig' ? { ...good, signatures: [{ ...good.signatures[0]!, sig: mutated }] } : { ...good, [which]: mutated }
        expect(verifyDsse(envelope, ctx.trustedKeys).ok).toBe(false)
        expect(verifyProvenance(envelope, ctx).ok).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('bundles with a byte of the payload or signature flipped', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }), (inPayload, at, mask) => {
        const envelope = (goodBundle as { dsseEnvelope: { payload: string; signatures: Array<{ sig: string; keyid: string }> } }).dsseEnvelope
        const bytes = Buffer.from(inPayload ? envelope.payload : envelope.signatures[0]!.sig, 'base64')
        bytes[at % bytes.length]! ^= mask
        const text = bytes.toString('base64')
        const dsseEnvelope = inPayload ? { ...envelope, payload: text } : { ...envelope, signatures: [{ ...envelope.signatures[0]!, sig: text }] }
        expect(verifyProvenance({ ...goodBundle, dsseEnvelope }, ctx).ok).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('structurally mutated envelopes: fields dropped or replaced', () => {
    const change = fc.record({ drop: fc.boolean(), replacement: fc.jsonValue() })
    fc.assert(
      fc.property(fc.record({ payloadType: fc.option(change), payload: fc.option(change), signatures: fc.option(change) }), (changes) => {
        const envelope: Record<string, unknown> = { ...good }
        let changed = false
        for (const [name, c] of Object.entries(changes)) {
          if (!c) continue
          if (c.drop) delete envelope[name]
          else envelope[name] = c.replacement
          changed = true
        }
        fc.pre(changed && JSON.stringify(envelope) !== JSON.stringify(good))
        expect(verifyProvenance(envelope, ctx).ok).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('huge inputs fail the format check quickly', () => {
    const started = performance.now()
    const payload = 'A'.repeat(9 * 1024 * 1024)
    const result = verifyProvenance({ payloadType: 'application/vnd.in-toto+json', payload, signatures: [{ sig: good.signatures[0]!.sig }] }, ctx)
    expect(result.checks).toEqual([{ name: 'format', ok: false, detail: expect.stringMatching(/over the .* accepted/) }])
    const bundle = verifyProvenance({ ...goodBundle, dsseEnvelope: { payloadType: 'x', payload, signatures: [] } }, ctx)
    expect(bundle.checks[0]).toMatchObject({ name: 'format', ok: false })
    const manySubjects = envelopeFor({ ...slsaStatement(), subject: Array.from({ length: 100_001 }, () => ({ digest: { sha256: 'a' } })) }, key)
    expect(verifyProvenance(manySubjects, ctx).checks.find((c) => c.name === 'format')?.ok).toBe(false)
    expect(performance.now() - started).toBeLessThan(10_000)
  })

  it('deeply nested JSON in a signed payload fails format instead of overflowing the stack', () => {
    const deep = '['.repeat(500_000) + ']'.repeat(500_000)
    const signed = signDsse('application/vnd.in-toto+json', deep, key.privateKey, key.keyId)
    const result = verifyProvenance(signed, ctx)
    expect(result.ok).toBe(false)
    expect(result.checks.find((c) => c.name === 'format')?.ok).toBe(false)
  })

  it('a hostile object (throwing getters) still yields a result', () => {
    const boom = () => {
      throw new Error('boom')
    }
    const hostile = new Proxy({}, { get: boom, has: boom, ownKeys: boom, getOwnPropertyDescriptor: boom, getPrototypeOf: boom })
    expect(verifyProvenance(hostile, ctx)).toMatchObject({ ok: false, checks: [{ name: 'format', ok: false }] })
    expect(verifyProvenance(good, { ...ctx, trustedKeys: hostile as never }).ok).toBe(false)
  })
})
