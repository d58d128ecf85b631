// The review digest of a promotion as its view shows it, computed once per state rather than
// on every read. The status endpoint is what pipelines poll, and the digest (canonical JSON
// over every non-sign-off check result, then sha256) was half the CPU of building the view,
// growing with every check recorded. What the digest covers is fixed at creation (artifact,
// evidence, policy version) or append-only (one immutable check-result row per check), so the
// state is named exactly by those fields plus the recorded checks' ids, statuses and times,
// which are cheap to join; any change to them is a new entry, never a stale hit.
import { reviewDigest, SIGNOFF_CHECKS, type ReviewedState } from '../domain/review-digest.js'

const MAX_ENTRIES = 5_000
const memo = new Map<string, { state: string; digest: string }>()

type ReviewedCheck = ReviewedState['checks'][number] & { recordedAt?: string | Date | null }

// Fields are joined with NUL, which no stored text can contain, so two states cannot run
// together into one key.
const SEP = '\u0000'

function stateOf(s: ReviewedState & { checks: ReadonlyArray<ReviewedCheck> }): string {
  let key = `${s.policyVersion}${SEP}${s.artifactDigest ?? ''}${SEP}${s.evidence.length}`
  for (const e of s.evidence) key += `${SEP}${e.kind}${SEP}${e.digest}`
  for (const c of s.checks) {
    if (SIGNOFF_CHECKS.has(c.id)) continue
    const at = c.recordedAt instanceof Date ? c.recordedAt.toISOString() : (c.recordedAt ?? '')
    key += `${SEP}${c.id}${SEP}${c.status}${SEP}${at}`
  }
  return key
}

/** The same value as reviewDigest(state), remembered per promotion and state. */
export function cachedReviewDigest(promotionId: string, state: ReviewedState & { checks: ReadonlyArray<ReviewedCheck> }): string {
  const key = stateOf(state)
  const hit = memo.get(promotionId)
  if (hit && hit.state === key) return hit.digest
  const digest = reviewDigest(state)
  if (memo.size >= MAX_ENTRIES) memo.clear()
  memo.set(promotionId, { state: key, digest })
  return digest
}
