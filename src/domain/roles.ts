export const ROLES = ['admin', 'ci', 'model_owner', 'ml_lead', 'security_lead', 'compliance_officer', 'cto', 'red_team', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const ANY_ROLE: readonly Role[] = ROLES

/** The roles that sign off promotions: with an identity provider they come only from its tokens. */
export const APPROVAL_ROLES = ['model_owner', 'ml_lead', 'security_lead', 'compliance_officer', 'cto', 'red_team'] as const satisfies readonly Role[]

/** The models a key may act on; absent for a key that may act on any model. */
export interface ModelScope {
  models: string[]
}

export interface Principal {
  id: string
  name: string
  roles: Role[]
  /** How the caller authenticated. */
  source?: 'api_key' | 'oidc'
  /** The identity provider's groups (claim values), for owners named as `group:<name>`. */
  groups?: string[]
  /** Set when the API key is limited to some models. */
  scope?: ModelScope | null
}

export function holdsAny(principal: Principal, allowed: readonly Role[]): boolean {
  return principal.roles.some((r) => allowed.includes(r))
}

/** Whether the caller's key may act on this model (an unscoped key, or one naming it). */
export function inScope(principal: Principal, model: string): boolean {
  return !principal.scope || principal.scope.models.includes(model)
}
