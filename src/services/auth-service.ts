// API keys: random, shown once, stored as sha256. Authentication is on every request's hot
// path, so verified keys are cached in memory for a short TTL instead of costing a query each.
import { createHash, randomBytes } from 'node:crypto'
import { appendAudit } from '../audit/audit-log.js'
import { conflict } from '../domain/errors.js'
import type { Principal, Role } from '../domain/roles.js'
import type { Database } from '../store/database.js'

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')
const newKey = () => `mg_${randomBytes(32).toString('base64url')}`

export function createAuthService(deps: { db: Database; cacheTtlMs: number }) {
  const { prisma } = deps.db
  const cache = new Map<string, { principal: Principal; expires: number }>()
  const MAX_CACHED = 10_000

  async function authenticate(key: string): Promise<Principal | null> {
    const h = hashKey(key)
    const hit = cache.get(h)
    const now = Date.now()
    if (hit && hit.expires > now) return hit.principal
    const row = await prisma.apiKey.findUnique({ where: { keyHash: h }, include: { principal: true } })
    if (!row || row.revokedAt) {
      cache.delete(h)
      return null
    }
    const principal: Principal = { id: row.principal.id, name: row.principal.name, roles: row.principal.roles as Role[] }
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(h, { principal, expires: now + deps.cacheTtlMs })
    return principal
  }

  async function createKey(actor: string, name: string, roles: Role[]): Promise<{ id: string; name: string; roles: Role[]; key: string }> {
    const key = newKey()
    const wanted = [...new Set(roles)].sort()
    return prisma.$transaction(async (tx) => {
      const existing = await tx.principal.findUnique({ where: { name } })
      if (existing && [...existing.roles].sort().join(',') !== wanted.join(',')) {
        throw conflict(`principal "${name}" exists with roles ${existing.roles.join(', ')}; a new key for it must carry the same roles`)
      }
      const principal = existing ?? (await tx.principal.create({ data: { name, roles: wanted } }))
      const apiKey = await tx.apiKey.create({ data: { principalId: principal.id, keyHash: hashKey(key), prefix: key.slice(0, 10) } })
      await appendAudit(tx, { actor, action: 'api_key.created', data: { principal: name, roles: wanted, keyId: apiKey.id, prefix: apiKey.prefix } })
      return { id: apiKey.id, name, roles: wanted as Role[], key }
    })
  }

  /** The admin principal for MODELGATE_ADMIN_KEY; idempotent across restarts. */
  async function bootstrapAdmin(key: string): Promise<void> {
    const h = hashKey(key)
    await prisma.$transaction(async (tx) => {
      if (await tx.apiKey.findUnique({ where: { keyHash: h } })) return
      const principal = await tx.principal.upsert({ where: { name: 'admin' }, create: { name: 'admin', roles: ['admin'] }, update: {} })
      if (!principal.roles.includes('admin')) throw new Error('a principal named "admin" exists without the admin role')
      await tx.apiKey.create({ data: { principalId: principal.id, keyHash: h, prefix: key.slice(0, 10) } })
      await appendAudit(tx, { actor: 'modelgate', action: 'api_key.created', data: { principal: 'admin', roles: ['admin'], bootstrap: true } })
    })
  }

  return { authenticate, createKey, bootstrapAdmin }
}

export type AuthService = ReturnType<typeof createAuthService>
