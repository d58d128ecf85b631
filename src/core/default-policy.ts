// The built-in policy, derived from the catalog: every check in the environments its entry
// names, in catalog order within its tier, with its default params and severity.
import type { Environment } from '../domain/environments.js'
import { TIERS, type Policy, type TierPolicy } from '../domain/policy.js'
import { CATALOG, defaultParams, type Catalog } from './check-catalog.js'

export function defaultPolicy(catalog: Catalog): Policy {
  const tiersFor = (env: Environment): TierPolicy[] => TIERS
    .map((tier) => ({
      tier,
      checks: catalog.checks
        .filter((c) => c.tier === tier && c.environments.includes(env))
        .map((c) => ({ id: c.id, params: defaultParams(c), severity: c.severity })),
    }))
    .filter((t) => t.checks.length > 0)
  return {
    version: catalog.defaultPolicyVersion,
    environments: { dev: { tiers: tiersFor('dev') }, staging: { tiers: tiersFor('staging') }, prod: { tiers: tiersFor('prod') } },
  }
}

export const DEFAULT_POLICY: Policy = defaultPolicy(CATALOG)
