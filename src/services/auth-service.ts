// API keys: random, shown once, stored as an HMAC keyed by the server secret (a stolen table
// cannot be checked against guesses without that secret). Authentication is on every
// request's hot path, so verified keys are cached in memory for a short TTL, and so are
// refusals: a storm of requests with one bad key costs one query per cache window, and
// concurrent lookups of one key share a single query.
import { randomBytes } from 'node:crypto'
import { appendAudit } from '../audit/audit-log.js'
import { conflict } from '../domain/errors.js'
import type { Principal, Role } from '../domain/roles.js'
import type { Database } from '../store/database.js'

export interface KeyHashing {
  hashApiKey(key: string): string
  /** Every hash the key may be stored under: current secret, previous secret, legacy sha256. */
  apiKeyHashes(key: string): string[]
}

// A key is "mg_" + a short public identifier (shown in listings and the audit log, safe to
// store) + "_" + 256 random bits that are never stored.
const newKey = () => {
  const publicId = randomBytes(6).toString('base64url')
  return { key: `mg_${publicId}_${randomBytes(32).toString('base64url')}`, publicId: `mg_${publicId}` }
}

export function createAuthService(deps: { db: Database; cacheTtlMs: number; hashing: KeyHashing }) {
  const { prisma } = deps.db
  const { hashing } = deps
  const cache = new Map<string, { principal: Principal | null; expires: number }>()
  const inFlight = new Map<string, Promise<Principal | null>>()
  const MAX_CACHED = 10_000

  async function lookup(key: string, h: string): Promise<Principal | null> {
    const candidates = hashing.apiKeyHashes(key)
    const row = await prisma.apiKey.findFirst({ where: { keyHash: { in: candidates } }, include: { principal: true } })
    if (!row || row.revokedAt) return null
    // Stored under the previous secret or the legacy hash: move it to the current one.
    if (row.keyHash !== h) await prisma.apiKey.update({ where: { id: row.id }, data: { keyHash: h } })
    return { id: row.principal.id, name: row.principal.name, roles: row.principal.roles as Role[] }
  }

  async function authenticate(key: string): Promise<Principal | null> {
    const h = hashing.hashApiKey(key)
    const hit = cache.get(h)
    if (hit && hit.expires > Date.now()) return hit.principal
    const pending = inFlight.get(h)
    if (pending) return pending
    const p = lookup(key, h).then((principal) => {
      if (cache.size >= MAX_CACHED) cache.clear()
      cache.set(h, { principal, expires: Date.now() + deps.cacheTtlMs })
      return principal
    }).finally(() => inFlight.delete(h))
    inFlight.set(h, p)
    return p
  }

  async function createKey(actor: string, name: string, roles: Role[]): Promise<{ id: string; name: string; roles: Role[]; key: string }> {
    const { key, publicId } = newKey()
    const wanted = [...new Set(roles)].sort()
    return prisma.$transaction(async (tx) => {
      const existing = await tx.principal.findUnique({ where: { name } })
      if (existing && [...existing.roles].sort().join(',') !== wanted.join(',')) {
        throw conflict(`principal "${name}" exists with roles ${existing.roles.join(', ')}; a new key for it must carry the same roles`)
      }
      const principal = existing ?? (await tx.principal.create({ data: { name, roles: wanted } }))
      const apiKey = await tx.apiKey.create({ data: { principalId: principal.id, keyHash: hashing.hashApiKey(key), prefix: publicId } })
      await appendAudit(tx, { actor, action: 'api_key.created', data: { principal: name, roles: wanted, keyId: apiKey.id, prefix: publicId } })
      return { id: apiKey.id, name, roles: wanted as Role[], key }
    })
  }

  /** The admin principal for MODELGATE_ADMIN_KEY; idempotent across restarts. */
  async function bootstrapAdmin(key: string): Promise<void> {
    const h = hashing.hashApiKey(key)
    await prisma.$transaction(async (tx) => {
      const stored = await tx.apiKey.findFirst({ where: { keyHash: { in: hashing.apiKeyHashes(key) } } })
      if (stored) {
        // Rehash under the current secret, and drop the clear prefix older versions kept.
        if (stored.keyHash !== h || stored.prefix !== null) await tx.apiKey.update({ where: { id: stored.id }, data: { keyHash: h, prefix: null } })
        return
      }
      const principal = await tx.principal.upsert({ where: { name: 'admin' }, create: { name: 'admin', roles: ['admin'] }, update: {} })
      if (!principal.roles.includes('admin')) throw new Error('a principal named "admin" exists without the admin role')
      await tx.apiKey.create({ data: { principalId: principal.id, keyHash: h, prefix: null } })
      await appendAudit(tx, { actor: 'modelgate', action: 'api_key.created', data: { principal: 'admin', roles: ['admin'], bootstrap: true } })
    })
  }

  return { authenticate, createKey, bootstrapAdmin }
}

export type AuthService = ReturnType<typeof createAuthService>
