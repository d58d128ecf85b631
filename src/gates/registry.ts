// The check catalog: every check the policy can name, by id. A policy naming an unknown
// check is refused when the policy is loaded, not when a promotion reaches it.
import type { CheckDefinition } from './check.js'
import { junitCheck } from './checks/junit-tests.js'
import { modelCardCheck } from './checks/model-card.js'
import { securityScanCheck } from './checks/security-scan.js'

export function createCheckRegistry(extra: CheckDefinition[] = []): ReadonlyMap<string, CheckDefinition> {
  const checks: CheckDefinition[] = [
    junitCheck('unit_tests', 'unitTests', 'unit tests'),
    junitCheck('integration_tests', 'integrationTests', 'integration tests'),
    securityScanCheck,
    modelCardCheck,
    ...extra,
  ]
  return new Map(checks.map((c) => [c.id, c]))
}

export type CheckRegistry = ReturnType<typeof createCheckRegistry>
