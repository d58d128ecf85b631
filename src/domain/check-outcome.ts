// What judging one check produces. Pure data, shared by the checks, the governance rules and
// the storage of results, so none of them depends on another for its types.

import type { CheckStatus } from './check-status.js'

export type { CheckStatus }

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
  /** What to do about a failure (or why a check does not apply). */
  remedy?: string
  details: Record<string, unknown>
  /** A capped sample of failing cases, stored for GET .../checks/:checkId/cases. */
  cases?: FailingCase[]
  /** Every failing case the check counted, by category (the stored cases are a capped sample of them). */
  failureCounts?: Record<string, number>
  /** Metrics to keep for later regression comparisons, keyed by dataset digest. */
  metrics?: { datasetDigest: string; values: Record<string, number>; itemOutcomes?: Record<string, boolean> }
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

export const notApplicable = (reason: string, details: Record<string, unknown> = {}): CheckOutcome => ({
  status: 'not_applicable',
  measured: null,
  threshold: null,
  summary: `not applicable: ${reason}`,
  remedy: reason,
  details: { reason, ...details },
})
