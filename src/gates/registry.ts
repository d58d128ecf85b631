// The check catalog: every check the policy can name, by id. A policy naming an unknown
// check is refused when the policy is loaded, not when a promotion reaches it.
import type { CheckDefinition } from './check.js'
import { accuracyBenchmarkCheck } from './checks/accuracy-benchmark.js'
import { adversarialRobustnessCheck } from './checks/adversarial-robustness.js'
import { biasMetricsCheck } from './checks/bias-metrics.js'
import { dataProvenanceCheck } from './checks/data-provenance.js'
import { outputFilteringCheck } from './checks/output-filtering.js'
import { overRefusalCheck } from './checks/over-refusal.js'
import { regressionTestCheck } from './checks/regression-test.js'
import { safetyBenchmarksCheck } from './checks/safety-benchmarks.js'
import { junitCheck } from './checks/junit-tests.js'
import { modelCardCheck } from './checks/model-card.js'
import { redTeamReportCheck } from './checks/red-team-report.js'
import { securityScanCheck } from './checks/security-scan.js'

export function createCheckRegistry(extra: CheckDefinition[] = []): ReadonlyMap<string, CheckDefinition> {
  const checks: CheckDefinition[] = [
    junitCheck('unit_tests', 'unitTests', 'unit tests'),
    junitCheck('integration_tests', 'integrationTests', 'integration tests'),
    securityScanCheck,
    accuracyBenchmarkCheck,
    biasMetricsCheck,
    regressionTestCheck,
    adversarialRobustnessCheck,
    safetyBenchmarksCheck,
    overRefusalCheck,
    outputFilteringCheck,
    dataProvenanceCheck,
    modelCardCheck,
    redTeamReportCheck,
    ...extra,
  ]
  return new Map(checks.map((c) => [c.id, c]))
}

export type CheckRegistry = ReturnType<typeof createCheckRegistry>

/** Governance checks are sign-offs computed by the governance service, not registry checks. */
export const GOVERNANCE_CHECK_IDS = ['compliance', 'human_review', 'risk_assessment', 'deployment_authorization'] as const

/** Every check id a policy may name, with the tier it belongs to. */
export function knownChecks(registry: CheckRegistry = createCheckRegistry()): ReadonlyMap<string, string> {
  return new Map<string, string>([...[...registry.values()].map((c) => [c.id, c.tier] as [string, string]), ...GOVERNANCE_CHECK_IDS.map((id) => [id, 'governance'] as [string, string])])
}
