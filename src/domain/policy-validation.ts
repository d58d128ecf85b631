// Whether a policy document can be put in force: every check it names exists and sits in its
// own tier, tiers appear once and in order, and every environment is covered.
import { ENVIRONMENTS } from './environments.js'
import { TIERS, type Policy } from './policy.js'

export function validatePolicy(policy: Policy, knownChecks: ReadonlyMap<string, string>): string[] {
  const problems: string[] = []
  for (const env of ENVIRONMENTS) {
    const tiers = policy.environments[env]?.tiers
    if (!tiers) {
      problems.push(`environment ${env} has no tiers`)
      continue
    }
    const order = tiers.map((t) => TIERS.indexOf(t.tier))
    if (order.some((o, i) => o < 0 || (i > 0 && o <= order[i - 1]!))) {
      problems.push(`${env}: tiers must be distinct and in the order ${TIERS.join(', ')}`)
    }
    for (const t of tiers) {
      const seen = new Set<string>()
      for (const c of t.checks) {
        const home = knownChecks.get(c.id)
        if (!home) problems.push(`${env}/${t.tier}: unknown check "${c.id}"`)
        else if (home !== t.tier) problems.push(`${env}/${t.tier}: check "${c.id}" belongs to the ${home} tier`)
        if (seen.has(c.id)) problems.push(`${env}/${t.tier}: check "${c.id}" listed twice`)
        seen.add(c.id)
      }
    }
    if (tiers.every((t) => t.checks.length === 0)) problems.push(`${env}: a policy must hold at least one check (no promotion passes by default)`)
  }
  return problems
}
