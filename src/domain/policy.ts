// The versioned promotion policy: which tiers run for each target environment, which checks
// each tier holds, and their thresholds. A promotion stores the policy it was created under,
// so a later policy change never alters a decision in flight. The built-in default is
// derived from the check catalog (core/default-policy.ts).
import type { Environment } from './environments.js'
import type { PolicySettings } from './policy-settings.js'

export const TIERS = ['automated', 'security', 'governance'] as const
export type Tier = (typeof TIERS)[number]

export type Severity = 'critical' | 'high' | 'medium' | 'low'

export interface CheckPolicy {
  id: string
  /** Check-specific thresholds and settings, validated against the check's params schema. */
  params: Record<string, unknown>
  /** How serious a failure of this check is, for the failure summary and the ticket. */
  severity: Severity
}

export interface TierPolicy {
  tier: Tier
  checks: CheckPolicy[]
}

export interface Policy {
  version: string
  environments: Record<Environment, { tiers: TierPolicy[] }>
  /** Policy-wide settings (risk window, dataset minimums); defaults in policy-settings.ts. */
  settings?: PolicySettings
}

export function tiersFor(policy: Policy, target: Environment): TierPolicy[] {
  return policy.environments[target].tiers.filter((t) => t.checks.length > 0)
}

export function nextTier(policy: Policy, target: Environment, after: Tier | null): Tier | null {
  const tiers = tiersFor(policy, target)
  if (after === null) return tiers[0]?.tier ?? null
  const index = tiers.findIndex((t) => t.tier === after)
  return tiers[index + 1]?.tier ?? null
}

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 }

export function worstSeverity(severities: Severity[]): Severity {
  return severities.reduce<Severity>((worst, s) => (SEVERITY_RANK[s] > SEVERITY_RANK[worst] ? s : worst), 'low')
}
