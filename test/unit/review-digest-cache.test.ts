// The view's remembered review digest must be the digest of the state shown, never an
// earlier state's: each recorded check, a different artifact or evidence changes it.
import { describe, expect, it } from 'vitest'
import { reviewDigest } from '../../src/domain/review-digest.js'
import { cachedReviewDigest } from '../../src/services/review-digest-cache.js'

const base = {
  artifactDigest: 'sha256:aa',
  evidence: [{ kind: 'unitTests', digest: 'sha256:01' }, { kind: 'modelCard', digest: 'sha256:02' }],
  checks: [] as Array<{ id: string; status: string; measured: unknown; recordedAt: string }>,
  policyVersion: 'builtin-1',
}
const check = (id: string, status = 'passed', measured: unknown = { accuracy: 0.9 }) => ({ id, status, measured, recordedAt: '2026-01-01T00:00:00.000Z' })

describe('cachedReviewDigest', () => {
  it('equals reviewDigest for every state a promotion passes through', () => {
    const id = crypto.randomUUID()
    const states = [
      base,
      { ...base, checks: [check('unit_tests')] },
      { ...base, checks: [check('unit_tests'), check('accuracy_benchmark', 'failed', { accuracy: 0.5 })] },
      { ...base, checks: [check('unit_tests'), check('accuracy_benchmark', 'failed', { accuracy: 0.5 }), check('human_review')] },
    ]
    const digests = states.map((s) => cachedReviewDigest(id, s))
    states.forEach((s, i) => expect(digests[i]).toBe(reviewDigest(s)))
    expect(new Set(digests.slice(0, 3)).size).toBe(3)
    // Sign-off checks are outside the digest, so the last state reviews the same as the third.
    expect(digests[3]).toBe(digests[2])
    // Asked again for an earlier state, it answers for that state, not the last one computed.
    expect(cachedReviewDigest(id, states[1]!)).toBe(reviewDigest(states[1]!))
  })

  it('separates promotions, artifacts, evidence and policy versions', () => {
    const id = crypto.randomUUID()
    const first = cachedReviewDigest(id, base)
    for (const changed of [
      { ...base, artifactDigest: 'sha256:bb' },
      { ...base, artifactDigest: null },
      { ...base, evidence: [{ kind: 'unitTests', digest: 'sha256:03' }, base.evidence[1]!] },
      { ...base, policyVersion: 'builtin-2' },
    ]) {
      const d = cachedReviewDigest(id, changed)
      expect(d).toBe(reviewDigest(changed))
      expect(d).not.toBe(first)
    }
    const other = crypto.randomUUID()
    const checked = { ...base, checks: [check('unit_tests')] }
    expect(cachedReviewDigest(other, checked)).toBe(reviewDigest(checked))
    expect(cachedReviewDigest(id, base)).toBe(first)
  })
})
