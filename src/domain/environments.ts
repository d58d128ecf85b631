// The environment ladder. A version enters at dev and climbs one rung at a time.

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const
export type Environment = (typeof ENVIRONMENTS)[number]

export function isEnvironment(value: unknown): value is Environment {
  return typeof value === 'string' && (ENVIRONMENTS as readonly string[]).includes(value)
}

/** The environment a version must be in now to be promoted to `target`; null for dev. */
export function requiredSource(target: Environment): Environment | null {
  const index = ENVIRONMENTS.indexOf(target)
  return index === 0 ? null : ENVIRONMENTS[index - 1]!
}

export type OrderVerdict = { ok: true; source: Environment | null } | { ok: false; reason: string }

/**
 * Whether a version currently in `current` (null: not deployed anywhere) may be promoted to
 * `target`. Skipping a rung, repeating one, or going backwards is refused.
 */
export function checkEnvironmentOrder(current: string | null, target: Environment): OrderVerdict {
  const source = requiredSource(target)
  if (current === source) return { ok: true, source }
  if (source === null) {
    return { ok: false, reason: `version is already in ${current}; a version enters dev only once` }
  }
  const where = current === null ? 'not deployed in any environment' : `in ${current}`
  return { ok: false, reason: `promotion to ${target} requires the version to be in ${source} now; it is ${where}` }
}
