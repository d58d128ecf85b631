// The governance floor: what no policy version may remove, whoever puts it in force. Without
// it an admin could lower the bar alone (drop the prod sign-offs, stop the artifact scan's
// deny list from blocking, or skip the red team and provenance), so a policy that breaks it
// is refused before it is stored. Pure; the policy service calls it beside validatePolicy.
import type { Environment } from './environments.js'
import type { CheckPolicy, Policy, Tier } from './policy.js'

/** The sign-offs the risk level calls for; prod never runs without them. */
export const PROD_SIGNOFFS = ['human_review', 'risk_assessment', 'deployment_authorization'] as const
/** The scanner's deny list reports unsafe imports at these severities; both must block. */
export const DENY_LIST_SEVERITIES = ['critical', 'high'] as const
/** Checks every promotion to these environments must pass. */
export const REQUIRED_BEYOND_DEV: ReadonlyArray<{ id: string; tier: Tier; environments: Environment[] }> = [
  { id: 'red_team_report', tier: 'security', environments: ['staging', 'prod'] },
  { id: 'data_provenance', tier: 'security', environments: ['staging', 'prod'] },
]

function checkIn(policy: Policy, env: Environment, tier: Tier, id: string): CheckPolicy | undefined {
  return policy.environments[env]?.tiers.find((t) => t.tier === tier)?.checks.find((c) => c.id === id)
}

/** Each rule of the floor this policy breaks, as a sentence naming the rule; empty when it holds. */
export function governanceFloorViolations(policy: Policy): string[] {
  const violations: string[] = []
  for (const id of PROD_SIGNOFFS) {
    if (!checkIn(policy, 'prod', 'governance', id)) {
      violations.push(`governance floor: prod must run the governance tier with ${id} (the risk-derived sign-offs cannot be removed)`)
    }
  }
  for (const env of ['dev', 'staging', 'prod'] as const) {
    const scan = checkIn(policy, env, 'automated', 'security_scan')
    if (!scan) {
      violations.push(`governance floor: ${env} must run security_scan (the artifact deny list always applies)`)
      continue
    }
    const raw = scan.params.failOn
    const failOn: readonly unknown[] = raw === undefined ? DENY_LIST_SEVERITIES : Array.isArray(raw) ? raw : []
    const missing = DENY_LIST_SEVERITIES.filter((s) => !failOn.includes(s))
    if (missing.length > 0) {
      violations.push(`governance floor: ${env}/security_scan must fail on ${missing.join(' and ')} findings (the artifact deny list always applies)`)
    }
  }
  for (const rule of REQUIRED_BEYOND_DEV) {
    for (const env of rule.environments) {
      if (!checkIn(policy, env, rule.tier, rule.id)) {
        violations.push(`governance floor: ${env} must run ${rule.id} in the ${rule.tier} tier (required for ${rule.environments.join(' and ')})`)
      }
    }
  }
  return violations
}
