import { createHash, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { globMatch } from '../../src/provenance/glob.js'
import { keyHints, parsePublicKey, trustedKeyFromPem } from '../../src/provenance/index.js'
import { makeKey } from './fixtures.js'

describe('parsePublicKey', () => {
  it.each([
    ['ed25519', 'ed25519'],
    ['p256', 'ecdsa-p256'],
    ['p384', 'ecdsa-p384'],
  ] as const)('reads %s keys, with the key id the sha256 of the SPKI DER', (kind, algorithm) => {
    const key = makeKey(kind)
    const parsed = parsePublicKey(key.publicPem)
    expect(parsed.algorithm).toBe(algorithm)
    expect(parsed.keyId).toBe(key.keyId)
    expect(parsed.key.type).toBe('public')
  })

  it('refuses RSA with a message that says so', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
    expect(() => parsePublicKey(publicKey.export({ type: 'spki', format: 'pem' }).toString())).toThrow(/RSA keys are not accepted/)
  })

  it('refuses other curves and key types', () => {
    const p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect(() => parsePublicKey(p521)).toThrow(/curve secp521r1 is not accepted/)
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expect(() => parsePublicKey(x25519)).toThrow(/x25519 keys are not accepted/)
  })

  it('refuses a private key, a certificate-shaped block and garbage', () => {
    const { privateKey } = generateKeyPairSync('ed25519')
    expect(() => parsePublicKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/PUBLIC KEY/)
    expect(() => parsePublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n')).toThrow(/unreadable public key/)
    expect(() => parsePublicKey('hello')).toThrow(/PUBLIC KEY/)
    expect(() => parsePublicKey(42 as unknown as string)).toThrow(/PUBLIC KEY/)
  })

  it('builds trust-store entries and knows the model_signing hint (sha256 of the PEM)', () => {
    const key = makeKey('p256')
    const trusted = trustedKeyFromPem(key.publicPem, { models: ['fraud-*'] })
    expect(trusted).toMatchObject({ keyId: key.keyId, algorithm: 'ecdsa-p256', scope: { models: ['fraud-*'] } })
    const hints = keyHints(parsePublicKey(key.publicPem).key)
    expect(hints).toEqual([key.keyId, createHash('sha256').update(key.publicPem).digest('hex')])
  })
})

describe('model name globs', () => {
  it.each([
    ['fraud-*', 'fraud-detector', true],
    ['fraud-*', 'fraud-', true],
    ['fraud-*', 'credit-fraud', false],
    ['*-v?', 'churn-v2', true],
    ['*-v?', 'churn-v10', false],
    ['exact', 'exact', true],
    ['exact', 'Exact', false],
    ['*', '', true],
    ['a.b', 'axb', false],
  ])('%s against %s is %s', (pattern, name, expected) => {
    expect(globMatch(pattern, name)).toBe(expected)
  })

  it('does not backtrack exponentially on many stars', () => {
    const started = performance.now()
    expect(globMatch(`${'a*'.repeat(40)}b`, 'a'.repeat(5000))).toBe(false)
    expect(performance.now() - started).toBeLessThan(2000)
  })
})
