// Who is calling: an API key (CI and automation; humans too when no identity provider is
// configured) or an identity-provider token. Keys are random, shown once, stored as sha256.
// Authentication is on every request's hot path, so verified keys and tokens are cached in
// memory for a short TTL (a token never beyond its expiry) instead of costing a query each.
import { createHash, randomBytes } from 'node:crypto'
import { appendAudit } from '../audit/audit-log.js'
import { conflict, unauthorized, unprocessable } from '../domain/errors.js'
import { approvalRolesIn, OIDC_PREFIX, reservedNameReason, SYSTEM_ACTOR } from '../domain/principal-names.js'
import { APPROVAL_ROLES, type ModelScope, type Principal, type Role } from '../domain/roles.js'
import { looksLikeJwt, TokenError, type OidcVerifier } from '../identity/oidc-verifier.js'
import { rolesFromClaim } from '../identity/role-mapping.js'
import type { Database } from '../store/database.js'

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')
const newKey = () => `mg_${randomBytes(32).toString('base64url')}`
// Subjects become principal names: keep them to characters that read safely in logs and URLs.
const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9._@|+-]{0,191}$/

export interface IdentityProvider {
  verifier: OidcVerifier
  roleMap: Readonly<Record<string, string>>
}

export function createAuthService(deps: { db: Database; cacheTtlMs: number; idp?: IdentityProvider | null }) {
  const { prisma } = deps.db
  const idp = deps.idp ?? null
  const cache = new Map<string, { principal: Principal; expires: number }>()
  const MAX_CACHED = 10_000

  function remember(h: string, principal: Principal, expires: number) {
    if (cache.size >= MAX_CACHED) cache.clear()
    cache.set(h, { principal, expires })
  }

  async function fromToken(token: string, h: string): Promise<Principal> {
    if (!idp) throw unauthorized('identity tokens are not accepted: no identity provider is configured; use an API key')
    let identity
    try {
      identity = await idp.verifier.verify(token)
    } catch (err) {
      if (err instanceof TokenError) throw unauthorized(err.message)
      throw err
    }
    if (!SUBJECT.test(identity.subject)) throw unauthorized('the identity token\'s subject cannot name a principal here (letters, digits and ._@|+- only)')
    const name = `${OIDC_PREFIX}${identity.subject}`
    const roles = rolesFromClaim(identity.claimValues, idp.roleMap)
    const row = await prisma.$transaction(async (tx) => {
      const existing = await tx.principal.findUnique({ where: { name } })
      if (existing) {
        if (existing.roles.join(',') !== roles.join(',')) await tx.principal.update({ where: { id: existing.id }, data: { roles } })
        return existing
      }
      const created = await tx.principal.create({ data: { name, roles, source: 'oidc' } })
      await appendAudit(tx, { actor: name, action: 'principal.first_sign_in', data: { principal: name, roles, source: 'oidc' } })
      return created
    })
    if (row.source !== 'oidc') throw unauthorized(`the principal ${name} is not an identity-provider principal`)
    const principal: Principal = { id: row.id, name, roles, source: 'oidc', groups: identity.claimValues, scope: null }
    remember(h, principal, Math.min(identity.expiresAt, Date.now() + deps.cacheTtlMs))
    return principal
  }

  async function fromKey(key: string, h: string): Promise<Principal | null> {
    const row = await prisma.apiKey.findUnique({ where: { keyHash: h }, include: { principal: true } })
    if (!row || row.revokedAt || row.principal.source !== 'api_key') {
      cache.delete(h)
      return null
    }
    let roles = row.principal.roles as Role[]
    // With an identity provider, approval roles come only from its tokens, whatever a key
    // minted earlier carries.
    if (idp) roles = roles.filter((r) => !(APPROVAL_ROLES as readonly Role[]).includes(r))
    const principal: Principal = { id: row.principal.id, name: row.principal.name, roles, source: 'api_key', scope: (row.scope as ModelScope | null) ?? null }
    remember(h, principal, Date.now() + deps.cacheTtlMs)
    return principal
  }

  async function authenticate(token: string): Promise<Principal | null> {
    const h = hashKey(token)
    const hit = cache.get(h)
    if (hit && hit.expires > Date.now()) return hit.principal
    return looksLikeJwt(token) ? fromToken(token, h) : fromKey(token, h)
  }

  async function createKey(actor: string, name: string, roles: Role[], scope?: ModelScope): Promise<{ id: string; name: string; roles: Role[]; scope: ModelScope | null; key: string }> {
    const reserved = reservedNameReason(name)
    if (reserved) throw unprocessable(`${reserved}; choose another name`, { field: 'name', rule: 'reserved_name' })
    const wanted = [...new Set(roles)].sort()
    const approval = approvalRolesIn(wanted)
    if (idp && approval.length > 0) {
      throw unprocessable(`approval roles come only from the identity provider while one is configured: an API key cannot carry ${approval.join(', ')}`, { field: 'roles', rule: 'approval_roles_from_idp' })
    }
    const key = newKey()
    const normalisedScope = scope ? { models: [...new Set(scope.models)].sort() } : null
    return prisma.$transaction(async (tx) => {
      const existing = await tx.principal.findUnique({ where: { name }, include: { _count: { select: { apiKeys: true } } } })
      // One name, one identity: a key for a name that already acts (through other keys or the
      // identity provider) would let whoever mints it act as that principal.
      if (existing && (existing.source !== 'api_key' || existing._count.apiKeys > 0)) {
        throw conflict(`principal "${name}" already exists${existing.source === 'oidc' ? ' as an identity-provider principal' : ' with its own keys'}; an admin cannot mint a key that acts as it`, { rule: 'no_impersonation' })
      }
      if (existing && [...existing.roles].sort().join(',') !== wanted.join(',')) {
        throw conflict(`principal "${name}" exists with roles ${existing.roles.join(', ')}; a new key for it must carry the same roles`)
      }
      const principal = existing ?? (await tx.principal.create({ data: { name, roles: wanted, source: 'api_key' } }))
      const apiKey = await tx.apiKey.create({ data: { principalId: principal.id, keyHash: hashKey(key), prefix: key.slice(0, 10), scope: normalisedScope ?? undefined } })
      await appendAudit(tx, { actor, action: 'api_key.created', data: { principal: name, roles: wanted, scope: normalisedScope, keyId: apiKey.id, prefix: apiKey.prefix } })
      return { id: apiKey.id, name, roles: wanted as Role[], scope: normalisedScope, key }
    })
  }

  /** The admin principal for MODELGATE_ADMIN_KEY; idempotent across restarts. */
  async function bootstrapAdmin(key: string): Promise<void> {
    const h = hashKey(key)
    await prisma.$transaction(async (tx) => {
      if (await tx.apiKey.findUnique({ where: { keyHash: h } })) return
      const principal = await tx.principal.upsert({ where: { name: 'admin' }, create: { name: 'admin', roles: ['admin'] }, update: {} })
      if (!principal.roles.includes('admin') || principal.source !== 'api_key') throw new Error('a principal named "admin" exists without the admin role')
      await tx.apiKey.create({ data: { principalId: principal.id, keyHash: h, prefix: key.slice(0, 10) } })
      await appendAudit(tx, { actor: SYSTEM_ACTOR, action: 'api_key.created', data: { principal: 'admin', roles: ['admin'], bootstrap: true } })
    })
  }

  return { authenticate, createKey, bootstrapAdmin, identityProvider: idp !== null }
}

export type AuthService = ReturnType<typeof createAuthService>
