// Builds the public view of a promotion from its row, its gate runs and its check results:
// every tier of its policy is shown, with checks not yet run as pending (or not_run once the
// promotion has ended), so a poller always sees the whole plan.
import type { Environment } from '../domain/environments.js'
import { tiersFor, type Policy } from '../domain/policy.js'
import { isTerminal } from '../domain/promotion-state.js'
import { detailsFor, mayReadEndpointResponse } from '../domain/endpoint-response.js'
import type { Principal } from '../domain/roles.js'
import { cachedReviewDigest } from './review-digest-cache.js'

export interface PromotionRow {
  /** Filled from the policy cache, not by the SQL. */
  id: string
  model: string
  version: string
  source_environment: string | null
  target_environment: string
  status: string
  requested_by: string
  model_owner: string
  policy_version: string
  policy: Policy
  endpoint: unknown
  evaluation: unknown
  output_filter: unknown
  artifact: unknown
  risk_level: string | null
  risk_score: number | null
  risk_factors: unknown
  required_approvals: unknown
  failure_summary: string | null
  severity: string | null
  deadline: Date | null
  created_at: Date
  updated_at: Date
  decided_at: Date | null
  rerun_of: string | null
  rerun_by: string | null
  /** Promotions that re-run this one, oldest first. */
  reruns: string[]
  gate_runs: Array<{ tier: string; status: string; startedAt: string | null; finishedAt: string | null }>
  checks: Array<{ id: string; tier: string; status: string; passed: boolean; measured: unknown; threshold: unknown; details: unknown; summary: string; remedy: string | null; severity: string; recordedAt: string }>
  evidence: Array<{ kind: string; digest: string; size: number }>
  approvals: Array<{ id: string; role: string; principal: string; decision: string; comment: string | null; reviewDigest: string | null; createdAt: string }>
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

/**
 * The view for one viewer: an endpoint's own error text in check details is shown to the
 * requester, the model's owner and the lead roles; everyone else (and a view built without a
 * viewer) sees the summary without it.
 */
export function presentPromotion(row: PromotionRow, viewer?: Principal) {
  const ended = isTerminal(row.status)
  const canRead = mayReadEndpointResponse(viewer, { requestedBy: row.requested_by, modelOwner: row.model_owner })
  const plan = tiersFor(row.policy, row.target_environment as Environment)
  const gates = plan.map((t) => {
    const run = row.gate_runs.find((g) => g.tier === t.tier)
    const notYet = ended ? 'not_run' : 'pending'
    return {
      tier: t.tier,
      status: run?.status ?? notYet,
      startedAt: run ? iso(run.startedAt) : null,
      finishedAt: run ? iso(run.finishedAt) : null,
      checks: t.checks.map((c) => {
        const r = row.checks.find((x) => x.id === c.id)
        if (!r) return { id: c.id, status: notYet, passed: false, measured: null, threshold: null, details: {}, summary: null, remedy: null, severity: c.severity, recordedAt: null }
        return { id: r.id, status: r.status, passed: r.passed, measured: r.measured, threshold: r.threshold, details: detailsFor(r.details, canRead), summary: r.summary, remedy: r.remedy, severity: r.severity, recordedAt: iso(r.recordedAt) }
      }),
    }
  })
  return {
    id: row.id,
    model: row.model,
    version: row.version,
    sourceEnvironment: row.source_environment,
    targetEnvironment: row.target_environment,
    status: row.status,
    requestedBy: row.requested_by,
    policyVersion: row.policy_version,
    endpoint: row.endpoint ?? null,
    evaluation: row.evaluation ?? null,
    outputFilter: row.output_filter ?? null,
    artifact: row.artifact ?? null,
    evidence: row.evidence,
    reviewDigest: cachedReviewDigest(row.id, {
      artifactDigest: (row.artifact as { digest?: string } | null)?.digest ?? null,
      evidence: row.evidence,
      checks: row.checks,
      policyVersion: row.policy_version,
    }),
    riskLevel: row.risk_level,
    riskScore: row.risk_score,
    riskFactors: row.risk_factors ?? null,
    requiredApprovals: ((row.required_approvals as Array<{ role: string; principal?: string; reason: string }> | null) ?? []).map((r) => {
      const signed = row.approvals.find((a) => a.role === r.role && a.decision === 'approve')
      return { role: r.role, principal: r.principal ?? null, reason: r.reason, satisfied: !!signed, approvedBy: signed?.principal ?? null, approvedAt: signed ? iso(signed.createdAt) : null }
    }),
    approvals: row.approvals.map((a) => ({ ...a, createdAt: iso(a.createdAt)! })),
    gates,
    failureSummary: row.failure_summary,
    severity: row.severity,
    deadline: iso(row.deadline),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    decidedAt: iso(row.decided_at),
    rerunOf: row.rerun_of,
    rerunBy: row.rerun_by,
    reruns: row.reruns,
  }
}

export type PromotionView = ReturnType<typeof presentPromotion>

// One statement for the whole document: the status endpoint is what pipelines poll, so it
// costs one round trip however many checks a promotion has. The policy copy is left out:
// policy versions are immutable, so the view takes it from a small cache by version.
export const PROMOTION_VIEW_SQL = `
SELECT p.id, m.name AS model, m.owner AS model_owner, v.version, p.source_environment, p.target_environment, p.status,
  p.requested_by, p.policy_version, p.endpoint, p.evaluation, p.output_filter, p.artifact,
  p.risk_level, p.risk_score, p.risk_factors, p.required_approvals, p.failure_summary, p.severity,
  p.deadline, p.created_at, p.updated_at, p.decided_at, p.rerun_of, p.rerun_by,
  ARRAY(SELECT r.id::text FROM promotions r WHERE r.rerun_of = p.id ORDER BY r.created_at, r.id) AS reruns,
  (SELECT coalesce(json_agg(json_build_object('tier', g.tier, 'status', g.status, 'startedAt', g.started_at,
      'finishedAt', g.finished_at) ORDER BY g.position), '[]') FROM gate_runs g WHERE g.promotion_id = p.id) AS gate_runs,
  (SELECT coalesce(json_agg(json_build_object('id', c.check_id, 'tier', c.tier, 'status', c.status, 'passed', c.passed,
      'measured', c.measured, 'threshold', c.threshold, 'details', c.details, 'summary', c.summary, 'remedy', c.remedy,
      'severity', c.severity, 'recordedAt', c.created_at)), '[]') FROM check_results c WHERE c.promotion_id = p.id) AS checks,
  (SELECT coalesce(json_agg(json_build_object('kind', e.kind, 'digest', e.digest, 'size', e.size) ORDER BY e.kind), '[]')
      FROM evidence e WHERE e.promotion_id = p.id) AS evidence,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'role', a.role, 'principal', a.principal_name, 'decision', a.decision,
      'comment', a.comment, 'reviewDigest', a.review_digest, 'createdAt', a.created_at) ORDER BY a.created_at), '[]') FROM approvals a WHERE a.promotion_id = p.id) AS approvals
FROM promotions p
JOIN models m ON m.id = p.model_id
JOIN model_versions v ON v.id = p.version_id
WHERE p.id = $1::uuid`
