// API key management: listing without secrets, revocation seen by every API process within
// seconds (two app instances on one database and Redis, each with a long key cache), and
// rotation with an overlap window that authentication enforces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
import { createDatabase, type Database } from '../../src/store/database.js'
import { ADMIN_KEY, eventually, startHarness, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
let other: FastifyInstance
let otherDb: Database
// Far longer than the 5 s a revocation may take: only the announcement can evict a cached key.
const LONG_CACHE_MS = '120000'

beforeAll(async () => {
  h = await startHarness({ env: { MODELGATE_API_KEY_CACHE_TTL_MS: LONG_CACHE_MS } })
  otherDb = createDatabase(h.config.databaseUrl, { max: 4 })
  other = await buildApp({ config: h.config, db: otherDb, logger: { level: 'error' } })
  await other.ready()
})
afterAll(async () => {
  await other?.close()
  await otherDb?.close()
  await h?.close()
})

const onOther = (key: string, url = '/v1/models') => other.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } })
const keyId = async (principal: string) => (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/api-keys?limit=100' })).json().items.filter((i: { principal: string; revokedAt: string | null }) => i.principal === principal)

describe('API key management', () => {
  it('lists metadata only, to admins only', async () => {
    const key = await h.key('lister-ci', ['ci'], { models: ['m1'] })
    const res = await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/api-keys?limit=100' })
    expect(res.statusCode).toBe(200)
    const row = res.json().items.find((i: { principal: string }) => i.principal === 'lister-ci')
    expect(row).toMatchObject({ roles: ['ci'], scope: { models: ['m1'] }, revokedAt: null, expiresAt: null })
    expect(key.startsWith(`${row.prefix}_`)).toBe(true)
    expect(Object.keys(row).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'prefix', 'principal', 'revokedAt', 'roles', 'scope'])
    // Neither the key nor its stored hash appears anywhere in the listing.
    const hashes = (await h.db.prisma.apiKey.findMany({ select: { keyHash: true } })).map((k) => k.keyHash)
    for (const hash of hashes) expect(res.body).not.toContain(hash)
    expect(res.body).not.toContain(key)
    expectProblem(await h.request(key, { method: 'GET', url: '/v1/api-keys' }), 403)
    // Paging: one at a time walks every key exactly once.
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/api-keys?limit=1${cursor ? `&cursor=${cursor}` : ''}` })).json()
      seen.push(...page.items.map((i) => i.id))
      cursor = page.nextCursor
    } while (cursor)
    expect(new Set(seen).size).toBe(hashes.length)
    expect(seen.length).toBe(hashes.length)
  })

  it('a revocation in one process stops the key in another within 5 seconds', async () => {
    const key = await h.key('revoked-ci', ['ci'])
    // Both processes have verified (and cached) the key.
    expect((await h.request(key, { method: 'GET', url: '/v1/models' })).statusCode).toBe(200)
    expect((await onOther(key)).statusCode).toBe(200)
    const [row] = await keyId('revoked-ci')
    const started = Date.now()
    const revoked = await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/api-keys/${row.id}/revoke` })
    expect(revoked.statusCode, revoked.body).toBe(200)
    expect(revoked.json().revokedAt).not.toBeNull()
    expectProblem(await h.request(key, { method: 'GET', url: '/v1/models' }), 401)
    await eventually(async () => (await onOther(key)).statusCode === 401, 5000, 25)
    expect(Date.now() - started).toBeLessThan(5000)
    const audit = await h.db.prisma.auditEvent.findFirst({ where: { action: 'api_key.revoked' }, orderBy: { seq: 'desc' } })
    expect(audit?.data).toMatchObject({ keyId: row.id, principal: 'revoked-ci' })
    // Revoking again changes nothing and says so with the same metadata.
    expect((await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/api-keys/${row.id}/revoke` })).json().revokedAt).toBe(revoked.json().revokedAt)
  })

  it('rotation: the new key carries the same principal, roles and scope; the old one works until the overlap ends', async () => {
    const old = await h.key('rotating-ci', ['ci'], { models: ['m2'] })
    const [row] = await keyId('rotating-ci')
    expectProblem(await h.request(old, { method: 'POST', url: `/v1/api-keys/${row.id}/rotate`, payload: { overlapSeconds: 8 * 24 * 3600 } }), 400)
    const res = await h.request(old, { method: 'POST', url: `/v1/api-keys/${row.id}/rotate`, payload: { overlapSeconds: 3600 } })
    expect(res.statusCode, res.body).toBe(201)
    const { previous, key } = res.json()
    expect(key).toMatchObject({ principal: 'rotating-ci', roles: ['ci'], scope: { models: ['m2'] }, expiresAt: null })
    expect(key.id).not.toBe(row.id)
    expect(new Date(previous.expiresAt).getTime() - Date.now()).toBeGreaterThan(3500 * 1000)
    expect((await h.request(key.key, { method: 'GET', url: '/v1/models' })).statusCode).toBe(200)
    expect((await h.request(old, { method: 'GET', url: '/v1/models' })).statusCode).toBe(200)
    expect((await onOther(old)).statusCode).toBe(200)
    // A second rotation with no overlap ends the previous key now, in every process (the
    // other one has it cached).
    expect((await onOther(key.key)).statusCode).toBe(200)
    const again = await h.request(key.key, { method: 'POST', url: `/v1/api-keys/${key.id}/rotate`, payload: { overlapSeconds: 0 } })
    expect(again.statusCode, again.body).toBe(201)
    expectProblem(await h.request(key.key, { method: 'GET', url: '/v1/models' }), 401)
    await eventually(async () => (await onOther(key.key)).statusCode === 401, 5000, 25)
    expect((await onOther(again.json().key.key)).statusCode).toBe(200)
    // An expired key cannot be rotated again.
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/api-keys/${key.id}/rotate`, payload: {} }), 409)
    // Default overlap is an hour; a body is optional.
    const third = await h.request(again.json().key.key, { method: 'POST', url: `/v1/api-keys/${again.json().key.id}/rotate`, headers: { 'content-type': 'application/json' } })
    expect(third.statusCode, third.body).toBe(201)
    expect(Math.round((new Date(third.json().previous.expiresAt).getTime() - Date.now()) / 1000)).toBeGreaterThan(3590)
    const actions = (await h.db.prisma.auditEvent.findMany({ where: { action: 'api_key.rotated' } })).length
    expect(actions).toBe(3)
  })

  it('an expired key is refused once its window has passed, even if cached before', async () => {
    const key = await h.key('expiring-ci', ['ci'])
    expect((await h.request(key, { method: 'GET', url: '/v1/models' })).statusCode).toBe(200)
    const [row] = await keyId('expiring-ci')
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/api-keys/${row.id}/rotate`, payload: { overlapSeconds: 1 } })
    expect(res.statusCode).toBe(201)
    expect((await h.request(key, { method: 'GET', url: '/v1/models' })).statusCode).toBe(200)
    await eventually(async () => (await h.request(key, { method: 'GET', url: '/v1/models' })).statusCode === 401, 4000, 100)
    expect((await onOther(key)).statusCode).toBe(401)
  })

  it('unknown ids are 404, not a cast error', async () => {
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys/not-a-uuid/revoke' }), 404)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys/00000000-0000-4000-8000-000000000000/rotate', payload: {} }), 404)
  })
})
