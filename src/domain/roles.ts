export const ROLES = ['admin', 'ci', 'model_owner', 'ml_lead', 'security_lead', 'compliance_officer', 'cto', 'red_team', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ANY_ROLE: readonly Role[] = ROLES

export interface Principal {
  id: string
  name: string
  roles: Role[]
}

export function holdsAny(principal: Principal, allowed: readonly Role[]): boolean {
  return principal.roles.some((r) => allowed.includes(r))
}
