// What a check is: one catalog entry holding its tier, its params schema (with the defaults
// that make the default policy), what it needs from a promotion, and its runner. A check is
// measured by the service (it parses evidence or calls the model) or is a sign-off; either way
// it returns an explicit outcome. There is no default: a check that cannot run returns
// `failed` with the reason and what to do about it.
import type { Static, TSchema } from 'typebox'
import type { CheckOutcome } from '../domain/check-outcome.js'
import type { Environment } from '../domain/environments.js'
import type { SignedApproval } from '../domain/governance-checks.js'
import type { Severity, Tier } from '../domain/policy.js'
import type { RequiredApproval, RiskAssessment } from '../domain/risk.js'
import type { EvaluationServices } from '../evaluation/services.js'
import type { TrustedKey } from '../provenance/index.js'

export type { CheckOutcome, CheckStatus, FailingCase } from '../domain/check-outcome.js'
export { failed, notApplicable } from '../domain/check-outcome.js'

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

export interface CheckContext<P = unknown> {
  promotion: PromotionSubject
  lookups: CheckLookups
  /** The model's endpoint, dataset and output filter, for the checks that measure the model. */
  evaluation: EvaluationServices
  /** Evidence CI uploaded with the promotion, by kind (unitTests, vulnerabilityReport, ...). */
  evidence: ReadonlyMap<string, string>
  /** The policy's params for this check, validated against its schema, defaults applied. */
  params: P
  signal: AbortSignal
}

/** What a sign-off reads: the frozen risk, the approvals and the earlier tiers' results. */
export interface SignoffContext<P = unknown> {
  profile: { userFacing: boolean; handlesPii: boolean; financialImpact: boolean }
  risk: RiskAssessment
  required: RequiredApproval[]
  approvals: SignedApproval[]
  /** Status of every check recorded so far on the promotion, by id. */
  checkStatuses: Record<string, string>
  /** Whether the model card declares its data handling; null when no card was uploaded. */
  declaresDataHandling: boolean | null
  params: P
}

/** What a check needs from a promotion; the README table and the test policies read it. */
export interface CheckRequirements {
  /** Calls the model's serving endpoint. */
  endpoint?: boolean
  /** Reads the promotion's evaluation dataset. */
  dataset?: boolean
  /** Calls the declared output filter. */
  outputFilter?: boolean
  /** Reads the uploaded model file the promotion names. */
  artifact?: boolean
  /** Evidence CI uploads with the promotion, by kind, with the schema each is accepted in. */
  evidence?: Record<string, TSchema>
  /** Needs signing keys an admin trusts. */
  trustedKeys?: boolean
  /** An attestation of this kind on the version. */
  attestation?: string
  /** Approvals by the roles the risk calls for. */
  approvals?: boolean
}

interface CheckBase<P extends TSchema> {
  id: string
  tier: Tier
  title: string
  /** When the check passes, for the README table; given the default params, so thresholds are written once. */
  passesWhen: string | ((defaults: Static<P>) => string)
  /** The params a policy may set, each with its default. */
  params: P
  requires: CheckRequirements
  severity: Severity
  /** The target environments whose default policy holds this check. */
  environments: readonly Environment[]
}

/** Run by a worker when its tier runs. */
export interface MeasuredCheck<P extends TSchema = TSchema> extends CheckBase<P> {
  runner: 'worker'
  run(ctx: CheckContext<Static<P>>): Promise<CheckOutcome>
}

/**
 * Decided from approvals and earlier results: `tier_start` when the governance tier starts
 * (before anyone is asked to approve), `decision` once the approvals are in or the promotion
 * ended without them.
 */
export interface SignoffCheck<P extends TSchema = TSchema> extends CheckBase<P> {
  runner: 'signoff'
  phase: 'tier_start' | 'decision'
  decide(ctx: SignoffContext<Static<P>>): CheckOutcome
}

export type CheckDefinition = MeasuredCheck | SignoffCheck

export const ALL_ENVIRONMENTS: readonly Environment[] = ['dev', 'staging', 'prod']

/** Typed at the definition site; stored in the catalog with its params schema erased. */
export function defineCheck<P extends TSchema>(def: MeasuredCheck<P>): CheckDefinition
export function defineCheck<P extends TSchema>(def: SignoffCheck<P>): CheckDefinition
export function defineCheck(def: CheckDefinition): CheckDefinition {
  return def
}
