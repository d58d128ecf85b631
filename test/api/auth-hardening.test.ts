// Authentication under attack: 401 storms are rate limited per client address before any key
// is looked up, and a bad key costs at most one database round trip per cache window; keys
// are stored as an HMAC under the server secret, with no clear prefix of their secret part;
// webhook secrets are sealed at rest; rotating the server secret keeps everything working.
import { createHash, createHmac, hkdfSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { createSecretBox, legacySha256 } from '../../src/security/secret-box.js'
import { ADMIN_KEY, startHarness, TEST_SECRET_KEY, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
let apiKeyQueries = 0
beforeAll(async () => {
  h = await startHarness({ env: { MODELGATE_AUTH_FAILURES_PER_MINUTE: '10', MODELGATE_RATE_LIMIT_PER_MINUTE: '15', MODELGATE_API_KEY_CACHE_TTL_MS: '60000' } })
  // Count the statements that reach Postgres for api_keys (the real pool, instrumented).
  const pool = h.db.pool as unknown as { query: (...args: unknown[]) => unknown }
  const query = pool.query.bind(pool)
  pool.query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: string }
    const text = typeof first === 'string' ? first : first?.text ?? ''
    if (text.includes('"api_keys"')) apiKeyQueries++
    return query(...args)
  }
})
afterAll(async () => h?.close())

const get = (key: string | null) => h.request(key, { method: 'GET', url: '/v1/promotions' })

describe('API keys at rest', () => {
  it('stores HMAC-SHA256 under a key derived from the server secret, not sha256, and only a public identifier', async () => {
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'hash-check', roles: ['viewer'] } })
    const { id, key } = res.json()
    expect(key).toMatch(/^mg_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}$/)
    const row = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id } })
    expect(row.keyHash).not.toBe(createHash('sha256').update(key).digest('hex'))
    const hashing = Buffer.from(hkdfSync('sha256', TEST_SECRET_KEY, 'modelgate/server-secret/v1', 'api-key-hash', 32))
    expect(row.keyHash).toBe(createHmac('sha256', hashing).update(key).digest('hex'))
    // The stored identifier is the public part only; the 256-bit secret part appears nowhere.
    // (Sliced by position: the base64url identifier may itself contain '_'.)
    const secretPart = key.slice(12)
    expect(secretPart).toHaveLength(43)
    expect(row.prefix).toBe(key.slice(0, 11))
    expect(JSON.stringify(row)).not.toContain(secretPart.slice(0, 12))
    // The bootstrap admin key: nothing of it in clear.
    const admin = await h.db.prisma.apiKey.findFirstOrThrow({ where: { principal: { name: 'admin' } } })
    expect(admin.prefix).toBeNull()
    expect(JSON.stringify(admin)).not.toContain(ADMIN_KEY.slice(0, 6))
  })

  it('accepts a key stored by an older version as plain sha256 once, then rehashes it', async () => {
    const principal = await h.db.prisma.principal.create({ data: { name: 'legacy-bot', roles: ['viewer'] } })
    const legacyKey = 'mg_legacyKeyFromBefore0123456789abcdefghijkl'
    const row = await h.db.prisma.apiKey.create({ data: { principalId: principal.id, keyHash: legacySha256(legacyKey), prefix: null } })
    expect((await get(legacyKey)).statusCode).toBe(200)
    const after = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: row.id } })
    expect(after.keyHash).toBe(createSecretBox(TEST_SECRET_KEY).hashApiKey(legacyKey))
  })
})

describe('rate limits around authentication', () => {
  it('limits each principal separately after authentication', async () => {
    const a = await h.key('busy-a', ['viewer'])
    const b = await h.key('busy-b', ['viewer'])
    for (let i = 0; i < 15; i++) expect((await get(a)).statusCode).toBe(200)
    const limited = expectProblem(await get(a), 429)
    expect(limited.detail).toMatch(/15 requests per minute/)
    expect((await get(b)).statusCode).toBe(200)
  })

  it('limits public routes per client address', async () => {
    for (let i = 0; i < 15; i++) expect((await h.request(null, { method: 'GET', url: '/v1/signing-key' })).statusCode).toBe(200)
    expectProblem(await h.request(null, { method: 'GET', url: '/v1/signing-key' }), 429)
  })

  it('a 401 storm hits the database once per key and is refused with 429 after the address limit', async () => {
    apiKeyQueries = 0
    // Concurrent requests with one bad key share one lookup.
    const burst = await Promise.all(Array.from({ length: 8 }, () => get('mg_guess_one')))
    expect(burst.map((r) => r.statusCode)).toEqual(Array(8).fill(401))
    expect(apiKeyQueries).toBe(1)
    // Sequential guesses: two more 401s reach the limit of 10, then 429 without any lookup.
    const statuses: number[] = []
    for (let i = 0; i < 40; i++) statuses.push((await get(i % 2 ? 'mg_guess_two' : 'mg_guess_three')).statusCode)
    expect(statuses.slice(0, 2)).toEqual([401, 401])
    expect(statuses.slice(2).every((s) => s === 429)).toBe(true)
    expect(apiKeyQueries).toBe(3)
    const refused = await get('mg_guess_four')
    expectProblem(refused, 429)
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
    expect(apiKeyQueries).toBe(3)
    // Requests without any key count as failures too, and are refused the same way.
    expectProblem(await get(null), 429)
  })
})

describe('webhook secrets at rest, and rotating the server secret', () => {
  const SECRET = 'whsec-plaintext-should-never-be-stored'

  it('seals the webhook secret with AES-256-GCM; the clear secret is nowhere in the table', async () => {
    const other = await startHarness()
    try {
      const res = await other.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1:9/hook', events: ['promotion.blocked'], secret: SECRET } })
      expect(res.statusCode).toBe(201)
      const { rows } = await other.db.pool.query('SELECT row_to_json(w)::text AS row FROM webhooks w')
      expect(rows).toHaveLength(1)
      expect(rows[0].row).not.toContain(SECRET)
      expect(rows[0].row).not.toContain(Buffer.from(SECRET).toString('base64url').slice(0, 12))
      const stored = await other.db.prisma.webhook.findFirstOrThrow()
      const box = createSecretBox(TEST_SECRET_KEY)
      expect(stored.secret).toBeNull()
      expect(stored.secretKeyId).toBe(box.current.id)
      expect(box.open({ keyId: stored.secretKeyId!, ciphertext: stored.secretCiphertext! })).toBe(SECRET)
      // Tampering with the ciphertext is detected, not decrypted to garbage.
      const flipped = stored.secretCiphertext!.slice(0, -2) + (stored.secretCiphertext!.endsWith('A') ? 'BB' : 'AA')
      expect(() => box.open({ keyId: stored.secretKeyId!, ciphertext: flipped })).toThrow()

      // Rotation: a new current secret with the old one as previous. At start the service
      // re-seals webhook secrets (and seals rows an older version left in clear); old API keys
      // still authenticate and are rehashed under the new secret.
      const legacy = await other.db.prisma.webhook.create({ data: { url: 'http://127.0.0.1:9/old', events: ['promotion.blocked'], secret: 'legacy-clear-secret-0123', createdBy: 'admin' } })
      const viewer = await other.key('rotation-viewer', ['viewer'])
      const NEW_SECRET = 'rotated-server-secret-abcdefghijklmnopqrstuvwxyz'
      const rotated = await buildApp({ config: { ...other.config, secretKey: NEW_SECRET, secretKeyPrevious: TEST_SECRET_KEY }, db: other.db })
      try {
        const next = createSecretBox(NEW_SECRET)
        const hooks = await other.db.prisma.webhook.findMany()
        expect(hooks.every((w) => w.secret === null && w.secretKeyId === next.current.id)).toBe(true)
        const opened = hooks.map((w) => next.open({ keyId: w.secretKeyId!, ciphertext: w.secretCiphertext! })).sort()
        expect(opened).toEqual(['legacy-clear-secret-0123', SECRET].sort())
        expect(hooks.find((w) => w.id === legacy.id)).toBeDefined()

        const res2 = await rotated.inject({ method: 'GET', url: '/v1/promotions', headers: { authorization: `Bearer ${viewer}` } })
        expect(res2.statusCode).toBe(200)
        const row = await other.db.prisma.apiKey.findFirstOrThrow({ where: { principal: { name: 'rotation-viewer' } } })
        expect(row.keyHash).toBe(next.hashApiKey(viewer))
      } finally {
        await rotated.close()
      }
      // Without the previous secret, nothing sealed under it can be opened: a wrong key is an error, not garbage.
      expect(() => createSecretBox('an-unrelated-server-secret-0123456789abcdef').open({ keyId: createSecretBox(NEW_SECRET).current.id, ciphertext: stored.secretCiphertext! })).toThrow(/neither/)
    } finally {
      await other.close()
    }
  })
})
