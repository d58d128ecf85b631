// Principal names: who an API key or an identity-provider subject acts as. Some names are
// reserved so that nobody can act as the service itself in the audit log (the actor of system
// events) or pass for an identity-provider subject or group.
import { APPROVAL_ROLES } from './roles.js'
import type { Role } from './roles.js'

/** The actor recorded for events the service itself causes (deadlines, tiers, sweeps). */
export const SYSTEM_ACTOR = 'modelgate'
/** Names (and name prefixes, any case) no API key may be minted for. */
export const RESERVED_PREFIXES = ['modelgate', 'system'] as const
/** Identity-provider subjects act as `oidc:<sub>`; an owner may name an IdP group as `group:<name>`. */
export const OIDC_PREFIX = 'oidc:'
export const GROUP_PREFIX = 'group:'

export function reservedNameReason(name: string): string | null {
  const lower = name.toLowerCase()
  const prefix = RESERVED_PREFIXES.find((p) => lower.startsWith(p))
  return prefix ? `the name "${name}" is reserved (names starting with "${prefix}" are the service's own actors)` : null
}

/** The approval roles among these, which with an identity provider come only from its tokens. */
export function approvalRolesIn(roles: readonly Role[]): Role[] {
  return roles.filter((r) => (APPROVAL_ROLES as readonly Role[]).includes(r))
}

/** Whether a principal answers for an owner name: the same name, or membership of the named IdP group. */
export function answersFor(owner: string, principal: { name: string; groups?: readonly string[] }): boolean {
  if (owner === principal.name) return true
  return owner.startsWith(GROUP_PREFIX) && (principal.groups ?? []).includes(owner.slice(GROUP_PREFIX.length))
}
