// The check catalog: every check the policy can name, governance sign-offs included. The
// default policy, policy validation, the request's evidence schema and the README's checks
// table are all derived from this list, so adding a check is its file plus one line here.
import { Value } from 'typebox/value'
import type { CheckDefinition } from '../gates/check.js'
import { accuracyBenchmarkCheck } from '../gates/checks/accuracy-benchmark.js'
import { adversarialRobustnessCheck } from '../gates/checks/adversarial-robustness.js'
import { biasMetricsCheck } from '../gates/checks/bias-metrics.js'
import { complianceCheck } from '../gates/checks/compliance.js'
import { dataProvenanceCheck } from '../gates/checks/data-provenance.js'
import { deploymentAuthorizationCheck } from '../gates/checks/deployment-authorization.js'
import { humanReviewCheck } from '../gates/checks/human-review.js'
import { integrationTestsCheck, unitTestsCheck } from '../gates/checks/junit-tests.js'
import { modelCardCheck } from '../gates/checks/model-card.js'
import { outputFilteringCheck } from '../gates/checks/output-filtering.js'
import { overRefusalCheck } from '../gates/checks/over-refusal.js'
import { redTeamReportCheck } from '../gates/checks/red-team-report.js'
import { regressionTestCheck } from '../gates/checks/regression-test.js'
import { riskAssessmentCheck } from '../gates/checks/risk-assessment.js'
import { safetyBenchmarksCheck } from '../gates/checks/safety-benchmarks.js'
import { securityScanCheck } from '../gates/checks/security-scan.js'

/** In policy order: a tier's checks appear in the default policy in this order. */
const CHECKS: readonly CheckDefinition[] = [
  unitTestsCheck,
  integrationTestsCheck,
  accuracyBenchmarkCheck,
  biasMetricsCheck,
  securityScanCheck,
  regressionTestCheck,
  adversarialRobustnessCheck,
  redTeamReportCheck,
  safetyBenchmarksCheck,
  overRefusalCheck,
  outputFilteringCheck,
  dataProvenanceCheck,
  modelCardCheck,
  complianceCheck,
  humanReviewCheck,
  riskAssessmentCheck,
  deploymentAuthorizationCheck,
]

/**
 * The built-in default policy's version (date and a counter for that day). It changes with
 * every change to a default param or to which environments hold a check.
 */
export const DEFAULT_POLICY_VERSION = '2026-12-01.4'

export interface Catalog {
  readonly checks: readonly CheckDefinition[]
  get(id: string): CheckDefinition | undefined
  /** The version of the default policy derived from this catalog. */
  readonly defaultPolicyVersion: string
}

/** Default params of a check: its schema's defaults, a fresh copy each time. */
export function defaultParams(check: CheckDefinition): Record<string, unknown> {
  return structuredClone(Value.Default(check.params, {})) as Record<string, unknown>
}

/** `extra` checks are appended; one with a built-in check's id replaces it in place. */
export function createCatalog(extra: readonly CheckDefinition[] = []): Catalog {
  const replaced = new Map(extra.map((c) => [c.id, c]))
  const checks = [...CHECKS.map((c) => replaced.get(c.id) ?? c), ...extra.filter((c) => !CHECKS.some((b) => b.id === c.id))]
  const byId = new Map(checks.map((c) => [c.id, c]))
  if (byId.size !== checks.length) throw new Error('two catalog checks share an id')
  for (const c of checks) {
    if (!Value.Check(c.params, Value.Default(c.params, {}))) throw new Error(`the default params of check ${c.id} do not satisfy its own schema`)
  }
  return {
    checks,
    get: (id) => byId.get(id),
    defaultPolicyVersion: extra.length === 0 ? DEFAULT_POLICY_VERSION : `${DEFAULT_POLICY_VERSION}+${extra.map((c) => c.id).join('+')}`,
  }
}

export const CATALOG = createCatalog()
