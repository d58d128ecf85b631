// The service's own signed verdict on a promotion, as an in-toto test-result attestation
// (https://in-toto.io/attestation/test-result/v0.1): subject the promoted artifact, one "test"
// per gate check. The promotion and each check's measurement ride in the configuration
// descriptor's annotations, the predicate's place for what the run was configured with.
// The endpoint the model checks measured is recorded next to the artifact that was scanned:
// the service cannot prove that endpoint serves that artifact, so it says which two things it
// looked at and leaves binding them to the deployment that runs both.
import type { KeyObject } from 'node:crypto'
import { classifyCheck } from '../domain/check-status.js'
import { signDsse, type DsseEnvelope } from './dsse.js'
import { sha256Hex } from './hex.js'
import { IN_TOTO_PAYLOAD_TYPE, STATEMENT_V1 } from './statement.js'

export const TEST_RESULT_V0_1 = 'https://in-toto.io/attestation/test-result/v0.1'

export type TestResult = 'PASSED' | 'WARNED' | 'FAILED'

export interface VerdictInput {
  promotion: {
    id: string
    model: string
    version: string
    targetEnvironment: string
    status: string
    policyVersion: string | number
    decidedAt: string | Date
  }
  artifactDigest: string
  /** The files of the frozen set the artifact digest named, as they were scanned. */
  artifactFiles?: Array<{ filename: string; sha256: string }>
  /** The serving endpoint the model checks called, as CI declared it; null when none was. */
  endpoint?: { protocol: string; url: string; model?: string | null } | null
  /** The output filter the output_filtering check called, if any. */
  outputFilter?: { protocol: string; url: string } | null
  /** `details` carries a not-applicable check's reason and an inconclusive check's allowedByPolicy. */
  checks: Array<{ id: string; tier: string; status: string; measured: unknown; threshold: unknown; details?: unknown }>
  /** The evidence the checks read, by kind and digest, so the review digest can be rebuilt. */
  evidence?: Array<{ kind: string; digest: string }>
  /** The promotion's review digest over the artifact, evidence, check results and policy. */
  reviewDigest?: string
  /** Each sign-off, with the review digest its approver sent. */
  approvals?: Array<{ role: string; principal: string; decision: string; reviewDigest: string | null; at: string }>
  /** Where the promotion can be looked at, if the service has a public URL. */
  url?: string
}

export interface ResourceDescriptor {
  name?: string
  uri?: string
  digest?: Record<string, string>
  annotations?: Record<string, unknown>
}

export interface VerdictStatement {
  _type: typeof STATEMENT_V1
  subject: Array<{ name: string; digest: { sha256: string } }>
  predicateType: typeof TEST_RESULT_V0_1
  predicate: {
    result: TestResult
    configuration: ResourceDescriptor[]
    url?: string
    passedTests: string[]
    warnedTests: string[]
    failedTests: string[]
    /** Checks that do not apply to this model (in-toto consumers ignore fields they do not know). */
    notApplicableTests: string[]
  }
}

/**
 * PASSED for a promoted version whose every applicable check passed: a check that does not
 * apply to this kind of model is listed as not applicable, not counted as a warning, so a clean
 * verdict reads as one. WARNED when a check was let through by policy without passing (an
 * inconclusive measurement under onInconclusive: warn). FAILED for a failed check, an
 * inconclusive one the policy did not let through, a promotion that did not end promoted, or
 * one where nothing passed at all, so a verdict never reads as a pass for a refused version.
 */
export function buildVerdictStatement(input: VerdictInput): VerdictStatement {
  const digest = sha256Hex(input.artifactDigest)
  if (!digest) throw new TypeError(`artifactDigest must be sha256:<64 hex>, got "${input.artifactDigest}"`)
  const { promotion } = input
  const lists = { passed: [] as string[], warned: [] as string[], failed: [] as string[], not_applicable: [] as string[] }
  for (const check of input.checks) lists[classifyCheck(check.status, check.details)].push(check.id)
  const { passed: passedTests, warned: warnedTests, failed: failedTests, not_applicable: notApplicableTests } = lists
  const result: TestResult =
    failedTests.length > 0 || passedTests.length === 0 || promotion.status !== 'promoted' ? 'FAILED' : warnedTests.length > 0 ? 'WARNED' : 'PASSED'
  const decidedAt = promotion.decidedAt instanceof Date ? promotion.decidedAt.toISOString() : promotion.decidedAt
  return {
    _type: STATEMENT_V1,
    subject: [{ name: `${promotion.model}@${promotion.version}`, digest: { sha256: digest } }],
    predicateType: TEST_RESULT_V0_1,
    predicate: {
      result,
      configuration: [
        {
          name: `modelgate-policy/${promotion.policyVersion}`,
          annotations: {
            promotionId: promotion.id,
            model: promotion.model,
            version: promotion.version,
            targetEnvironment: promotion.targetEnvironment,
            status: promotion.status,
            policyVersion: promotion.policyVersion,
            decidedAt,
            ...(input.artifactFiles !== undefined && { artifact: { digest: input.artifactDigest, files: input.artifactFiles.map((f) => ({ filename: f.filename, sha256: f.sha256 })) } }),
            ...(input.endpoint !== undefined && {
              endpoint: input.endpoint === null ? null : { protocol: input.endpoint.protocol, url: input.endpoint.url, model: input.endpoint.model ?? null },
              // Measured and scanned are two observations; nothing here proves they are one model.
              endpointServesArtifact: 'unverified',
            }),
            ...(input.outputFilter !== undefined && { outputFilter: input.outputFilter }),
            checks: input.checks.map((c) => ({ id: c.id, tier: c.tier, status: c.status, measured: c.measured ?? null, threshold: c.threshold ?? null, ...why(c), ...howAsked(c) })),
            ...cacheTotals(input.checks),
            ...(input.evidence !== undefined && { evidence: input.evidence.map((e) => ({ kind: e.kind, digest: e.digest })) }),
            ...(input.reviewDigest !== undefined && { reviewDigest: input.reviewDigest }),
            ...(input.approvals !== undefined && { approvals: input.approvals }),
          },
        },
      ],
      ...(input.url !== undefined && { url: input.url }),
      passedTests,
      warnedTests,
      failedTests,
      notApplicableTests,
    },
  }
}

/** Why a check is neither a plain pass nor a plain failure: its reason, or the policy's allowance. */
function why(c: VerdictInput['checks'][number]): Record<string, unknown> {
  const d = (typeof c.details === 'object' && c.details !== null ? c.details : {}) as { reason?: unknown; allowedByPolicy?: unknown }
  if (c.status === 'not_applicable') return { reason: typeof d.reason === 'string' ? d.reason : null }
  if (c.status === 'inconclusive') return { allowedByPolicy: d.allowedByPolicy === true }
  return {}
}

/** How a measured check asked the model: its generation settings and cache hits/calls, as the check recorded them. */
function howAsked(c: VerdictInput['checks'][number]): Record<string, unknown> {
  const d = (typeof c.details === 'object' && c.details !== null ? c.details : {}) as { generation?: unknown; cache?: unknown; flakyCases?: { count?: unknown } }
  return {
    ...(d.generation !== undefined && { generation: d.generation }),
    ...(d.cache !== undefined && { cache: d.cache }),
    ...(typeof d.flakyCases?.count === 'number' && { flakyCases: d.flakyCases.count }),
  }
}

/** Answers reused from the evaluation cache and answers asked of the model, over every check. */
function cacheTotals(checks: VerdictInput['checks']): Record<string, unknown> {
  let hits = 0
  let calls = 0
  let any = false
  for (const c of checks) {
    const cache = (c.details as { cache?: { hits?: unknown; calls?: unknown } } | null | undefined)?.cache
    if (typeof cache?.hits !== 'number' || typeof cache.calls !== 'number') continue
    any = true
    hits += cache.hits
    calls += cache.calls
  }
  return any ? { evaluationCache: { hits, calls } } : {}
}

export function signVerdict(statement: VerdictStatement, privateKey: KeyObject, keyId: string): DsseEnvelope {
  return signDsse(IN_TOTO_PAYLOAD_TYPE, JSON.stringify(statement), privateKey, keyId)
}
