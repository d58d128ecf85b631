// IdP claim values → modelgate roles: a value equal to a role's name maps to that role, and
// MODELGATE_OIDC_ROLE_MAP adds names the organization already uses ("ml-leads=ml_lead").
import { ROLES, type Role } from '../domain/roles.js'

export function rolesFromClaim(values: readonly string[], roleMap: Readonly<Record<string, string>>): Role[] {
  const roles = new Set<Role>()
  for (const value of values) {
    const mapped = roleMap[value] ?? value
    if ((ROLES as readonly string[]).includes(mapped)) roles.add(mapped as Role)
  }
  return [...roles].sort()
}
