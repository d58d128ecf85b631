// What an approver reviewed, as one digest: the artifact, every piece of evidence, the
// results of the checks and the policy they were judged under. An approval must name the
// digest its approver saw, so a result, file or document that changed after the review cannot
// ride on a sign-off given for something else. The sign-off checks are left out: they are
// computed from the approvals themselves.
import { createHash } from 'node:crypto'
import { canonicalJson } from './canonical-json.js'

export const SIGNOFF_CHECKS: ReadonlySet<string> = new Set(['human_review', 'risk_assessment', 'deployment_authorization'])

export interface ReviewedState {
  artifactDigest: string | null
  evidence: ReadonlyArray<{ kind: string; digest: string }>
  checks: ReadonlyArray<{ id: string; status: string; measured: unknown }>
  policyVersion: string
}

/** The canonical document the digest is taken over, so a verifier can rebuild it. */
export function reviewDocument(s: ReviewedState) {
  return {
    artifactDigest: s.artifactDigest,
    evidence: [...s.evidence].map((e) => ({ kind: e.kind, digest: e.digest })).sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0)),
    checks: s.checks
      .filter((c) => !SIGNOFF_CHECKS.has(c.id))
      .map((c) => ({ id: c.id, status: c.status, measured: c.measured ?? null }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
    policyVersion: s.policyVersion,
  }
}

export function reviewDigest(s: ReviewedState): string {
  return `sha256:${createHash('sha256').update(canonicalJson(reviewDocument(s))).digest('hex')}`
}
