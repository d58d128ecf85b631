// Who is calling: an API key (CI and automation; humans too when no identity provider is
// configured) or an identity-provider token. Keys are random, shown once, stored as an HMAC
// keyed by the server secret (a stolen table cannot be checked against guesses without that
// secret). Authentication is on every request's hot path, so verified keys and tokens are
// cached in memory for a short TTL (a token never beyond its expiry), and so are refusals: a
// storm of requests with one bad key costs one query per cache window, and concurrent
// lookups of one key share a single query.
import { randomBytes } from 'node:crypto'
import { appendAudit } from '../audit/audit-log.js'
import { conflict, forbidden, notFound, unauthorized, unprocessable } from '../domain/errors.js'
import { afterCursor, decodeCursor, encodeCursor, isUuid } from '../domain/ids.js'
import { approvalRolesIn, OIDC_PREFIX, reservedNameReason, SYSTEM_ACTOR } from '../domain/principal-names.js'
import { APPROVAL_ROLES, type ModelScope, type Principal, type Role } from '../domain/roles.js'
import { looksLikeJwt, TokenError, type OidcVerifier } from '../identity/oidc-verifier.js'
import { rolesFromClaim } from '../identity/role-mapping.js'
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
// Subjects become principal names: keep them to characters that read safely in logs and URLs.
const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9._@|+-]{0,191}$/

export interface IdentityProvider {
  verifier: OidcVerifier
  roleMap: Readonly<Record<string, string>>
}

/** Where a revocation is announced to every process's cache (this one included). */
export interface RevocationPublisher {
  publish(keyHashes: string[]): Promise<void>
}

/** The longest a rotated key may keep working beside its successor. */
export const MAX_OVERLAP_SECONDS = 7 * 24 * 3600

export function createAuthService(deps: { db: Database; cacheTtlMs: number; hashing: KeyHashing; idp?: IdentityProvider | null; revocations?: RevocationPublisher }) {
  const { prisma } = deps.db
  const { hashing } = deps
  const idp = deps.idp ?? null
  const cache = new Map<string, { principal: Principal | null; expires: number }>()
  const inFlight = new Map<string, Promise<Principal | null>>()
  const MAX_CACHED = 10_000

  function remember(h: string, principal: Principal | null, expires: number) {
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
    const row = await prisma.apiKey.findFirst({ where: { keyHash: { in: hashing.apiKeyHashes(key) } }, include: { principal: true } })
    if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now()) || row.principal.source !== 'api_key') {
      remember(h, null, Date.now() + deps.cacheTtlMs)
      return null
    }
    // Stored under the previous secret or the legacy hash: move it to the current one.
    if (row.keyHash !== h) await prisma.apiKey.update({ where: { id: row.id }, data: { keyHash: h } })
    let roles = row.principal.roles as Role[]
    // With an identity provider, approval roles come only from its tokens, whatever a key
    // minted earlier carries.
    if (idp) roles = roles.filter((r) => !(APPROVAL_ROLES as readonly Role[]).includes(r))
    const principal: Principal = { id: row.principal.id, name: row.principal.name, roles, source: 'api_key', scope: (row.scope as ModelScope | null) ?? null }
    // A rotated key is never served from the cache past the end of its overlap window.
    remember(h, principal, Math.min(row.expiresAt?.getTime() ?? Infinity, Date.now() + deps.cacheTtlMs))
    return principal
  }

  async function authenticate(token: string): Promise<Principal | null> {
    const h = hashing.hashApiKey(token)
    const hit = cache.get(h)
    if (hit && hit.expires > Date.now()) return hit.principal
    const pending = inFlight.get(h)
    if (pending) return pending
    const p = (looksLikeJwt(token) ? fromToken(token, h) : fromKey(token, h)).finally(() => inFlight.delete(h))
    inFlight.set(h, p)
    return p
  }

  async function createKey(actor: string, name: string, roles: Role[], scope?: ModelScope): Promise<{ id: string; name: string; roles: Role[]; scope: ModelScope | null; key: string }> {
    const reserved = reservedNameReason(name)
    if (reserved) throw unprocessable(`${reserved}; choose another name`, { field: 'name', rule: 'reserved_name' })
    const wanted = [...new Set(roles)].sort()
    const approval = approvalRolesIn(wanted)
    if (idp && approval.length > 0) {
      throw unprocessable(`approval roles come only from the identity provider while one is configured: an API key cannot carry ${approval.join(', ')}`, { field: 'roles', rule: 'approval_roles_from_idp' })
    }
    const { key, publicId } = newKey()
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
      const apiKey = await tx.apiKey.create({ data: { principalId: principal.id, keyHash: hashing.hashApiKey(key), prefix: publicId, scope: normalisedScope ?? undefined } })
      await appendAudit(tx, { actor, action: 'api_key.created', data: { principal: name, roles: wanted, scope: normalisedScope, keyId: apiKey.id, prefix: apiKey.prefix } })
      return { id: apiKey.id, name, roles: wanted as Role[], scope: normalisedScope, key }
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
      if (!principal.roles.includes('admin') || principal.source !== 'api_key') throw new Error('a principal named "admin" exists without the admin role')
      await tx.apiKey.create({ data: { principalId: principal.id, keyHash: h, prefix: null } })
      await appendAudit(tx, { actor: SYSTEM_ACTOR, action: 'api_key.created', data: { principal: 'admin', roles: ['admin'], bootstrap: true } })
    })
  }

  /** Drops cached verdicts for these stored key hashes (called for every announced revocation). */
  function evict(keyHashes: string[]) {
    for (const h of keyHashes) {
      cache.delete(h)
      inFlight.delete(h)
    }
  }

  async function announce(keyHashes: string[]) {
    evict(keyHashes)
    await deps.revocations?.publish(keyHashes)
  }

  // The key's own principal may act on it (a pipeline rotating its own key); anyone else needs admin.
  async function findOwnKey(actor: Principal, id: string) {
    const row = isUuid(id) ? await prisma.apiKey.findUnique({ where: { id }, include: { principal: true } }) : null
    if (!row) throw notFound(`API key ${id} does not exist`)
    if (!actor.roles.includes('admin') && row.principalId !== actor.id) throw forbidden(`API key ${id} belongs to another principal; only an admin or that principal may manage it`)
    return row
  }

  const keyView = (row: { id: string; prefix: string | null; scope: unknown; createdAt: Date; revokedAt: Date | null; expiresAt: Date | null; principal: { name: string; roles: string[] } }) => ({
    id: row.id,
    principal: row.principal.name,
    roles: row.principal.roles as Role[],
    scope: (row.scope as ModelScope | null) ?? null,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  })

  /** Every key's metadata, newest first (never a hash); cursor is the last id of the previous page. */
  async function listKeys(limit: number, cursor?: string) {
    const after = cursor ? decodeCursor(cursor) : undefined
    const rows = await prisma.apiKey.findMany({
      where: after ? afterCursor(after) : {},
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit + 1,
      include: { principal: true },
    })
    const page = rows.slice(0, limit)
    const last = page[page.length - 1]
    return { items: page.map(keyView), nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null }
  }

  async function revokeKey(actor: Principal, id: string) {
    const row = await findOwnKey(actor, id)
    if (row.revokedAt) return keyView(row)
    const updated = await prisma.$transaction(async (tx) => {
      const u = await tx.apiKey.update({ where: { id }, data: { revokedAt: new Date() }, include: { principal: true } })
      await appendAudit(tx, { actor: actor.name, action: 'api_key.revoked', data: { keyId: id, principal: row.principal.name, prefix: row.prefix } })
      return u
    })
    await announce([row.keyHash])
    return keyView(updated)
  }

  async function rotateKey(actor: Principal, id: string, overlapSeconds: number) {
    if (!Number.isInteger(overlapSeconds) || overlapSeconds < 0 || overlapSeconds > MAX_OVERLAP_SECONDS) {
      throw unprocessable(`overlapSeconds must be an integer from 0 to ${MAX_OVERLAP_SECONDS}`, { field: 'overlapSeconds' })
    }
    const row = await findOwnKey(actor, id)
    const now = Date.now()
    if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) throw conflict(`API key ${id} is revoked or expired; a key that no longer works cannot be rotated`)
    if (row.principal.source !== 'api_key') throw conflict(`API key ${id} belongs to an identity-provider principal`)
    const { key, publicId } = newKey()
    // A key already winding down keeps its earlier end.
    const ends = new Date(Math.min(now + overlapSeconds * 1000, row.expiresAt?.getTime() ?? Infinity))
    const result = await prisma.$transaction(async (tx) => {
      const old = await tx.apiKey.update({ where: { id }, data: { expiresAt: ends }, include: { principal: true } })
      const fresh = await tx.apiKey.create({ data: { principalId: row.principalId, keyHash: hashing.hashApiKey(key), prefix: publicId, scope: row.scope ?? undefined }, include: { principal: true } })
      await appendAudit(tx, { actor: actor.name, action: 'api_key.rotated', data: { keyId: id, newKeyId: fresh.id, principal: row.principal.name, prefix: publicId, oldKeyExpiresAt: ends.toISOString() } })
      return { previous: keyView(old), key: { ...keyView(fresh), key } }
    })
    // Caches must not keep the old key past its new end.
    await announce([row.keyHash])
    return result
  }

  return { authenticate, createKey, bootstrapAdmin, listKeys, revokeKey, rotateKey, evict, identityProvider: idp !== null }
}

export type AuthService = ReturnType<typeof createAuthService>
