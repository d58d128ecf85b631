// What a check is. A check is measured by the service (it parses evidence or calls the
// model) or is a sign-off; either way it returns an explicit outcome. There is no default:
// a check that cannot run returns `failed` with the reason and what to do about it.
import type { Environment } from '../domain/environments.js'
import type { Tier } from '../domain/policy.js'
import type { EvaluationServices } from '../evaluation/services.js'
import type { TrustedKey } from '../provenance/index.js'

// inconclusive: the measurement cannot decide at the policy's confidence and case budget.
export type CheckStatus = 'passed' | 'failed' | 'inconclusive' | 'skipped'

/** One case a check judged against the model, kept when it failed. */
export interface FailingCase {
  category: string
  input: string
  output: string
  verdict: string
  /** Which detector decided (refusal, canary, pii, toxicity, judge, label, ...). */
  detector: string
  details?: Record<string, unknown>
}

export interface CheckOutcome {
  status: CheckStatus
  measured: unknown
  threshold: unknown
  /** One line for the failure summary: what was measured against what. */
  summary: string
  /** What to do about a failure (or why a check was skipped). */
  remedy?: string
  details: Record<string, unknown>
  /** A capped sample of failing cases, stored for GET .../checks/:checkId/cases. */
  cases?: FailingCase[]
  /** Metrics to keep for later regression comparisons, keyed by dataset digest. */
  metrics?: { datasetDigest: string; values: Record<string, number>; itemOutcomes?: Record<string, boolean> }
}

export interface PromotionSubject {
  id: string
  model: { name: string; kind: 'classifier' | 'llm'; owner: string; userFacing: boolean; handlesPii: boolean; financialImpact: boolean }
  version: string
  targetEnvironment: Environment
  requestedBy: string
  endpoint: unknown
  evaluation: unknown
  outputFilter: unknown
  artifact: unknown
}

export interface AttestationRecord {
  kind: string
  verdict: string
  reportUri: string
  summary: string | null
  principalName: string
  principalRoles: string[]
  createdAt: string
}

/** Read access to stored facts a check may need, provided by the tier runner. */
export interface CheckLookups {
  /** Attestations recorded for the promoted version, newest first. */
  attestations(kind: string): Promise<AttestationRecord[]>
  /** The uploaded files the promotion's artifact.digest names (one file, or all for a manifest digest), with their scan findings. */
  artifactFiles(): Promise<Array<{ filename: string; digest: string; format: string; findings: Array<{ scanner: string; severity: string; file: string; offset?: number; global?: string; field?: string; reason: string }> }>>
  /** Every file uploaded for the promoted version. */
  versionFiles(): Promise<Array<{ filename: string; sha256: string }>>
  /** Public keys admins trust to sign provenance. */
  trustedKeys(): Promise<TrustedKey[]>
  /** Records the training data sets a verified provenance named on the version. */
  recordTrainingDatasets(datasets: unknown[]): Promise<void>
  /** Per-item outcomes of the version now in the target environment on this dataset digest: none (no baseline) or missing (not kept). */
  baselineOutcomes(datasetDigest: string): Promise<{ version: string; promotionId: string; outcomes: Record<string, boolean> } | { none: string } | { missing: string }>
}

export interface CheckContext {
  promotion: PromotionSubject
  lookups: CheckLookups
  /** The model's endpoint, dataset and output filter, for the checks that measure the model. */
  evaluation: EvaluationServices
  /** Evidence CI uploaded with the promotion, by kind (unitTests, vulnerabilityReport, ...). */
  evidence: ReadonlyMap<string, string>
  params: Record<string, unknown>
  signal: AbortSignal
}

export interface CheckDefinition {
  id: string
  tier: Tier
  title: string
  run(ctx: CheckContext): Promise<CheckOutcome>
}

export const failed = (summary: string, remedy: string, rest: Partial<CheckOutcome> = {}): CheckOutcome => ({
  status: 'failed',
  measured: null,
  threshold: null,
  details: {},
  ...rest,
  summary,
  remedy,
})

export const skipped = (reason: string, details: Record<string, unknown> = {}): CheckOutcome => ({
  status: 'skipped',
  measured: null,
  threshold: null,
  summary: `skipped: ${reason}`,
  remedy: reason,
  details: { reason, ...details },
})
