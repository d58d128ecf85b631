// Storing a check's result: once per promotion and check (the unique index makes a second
// delivery a no-op), with its audit event in the same transaction.
import { appendAudit } from '../audit/audit-log.js'
import type { Severity, Tier } from '../domain/policy.js'
import type { CheckOutcome } from '../domain/check-outcome.js'
import type { Tx } from '../store/database.js'
import { promotionVersionId } from './promotion-repository.js'

// Enough for a human to see the pattern without storing a whole benchmark's transcripts.
const MAX_STORED_CASES = 200
const MAX_TEXT = 4000

export async function insertCheckResult(tx: Tx, r: { promotionId: string; model: string; tier: Tier; checkId: string; severity: Severity; outcome: CheckOutcome }): Promise<boolean> {
  const { outcome } = r
  const created = await tx.checkResult.createMany({
    data: [{
      promotionId: r.promotionId,
      tier: r.tier,
      checkId: r.checkId,
      status: outcome.status,
      passed: outcome.status === 'passed',
      measured: (outcome.measured ?? null) as object,
      threshold: (outcome.threshold ?? null) as object,
      details: outcome.details as object,
      summary: outcome.summary,
      remedy: outcome.remedy ?? null,
      severity: r.severity,
      failureCounts: (outcome.failureCounts ?? undefined) as object | undefined,
    }],
    skipDuplicates: true,
  })
  if (created.count === 0) return false
  const cases = (outcome.cases ?? []).slice(0, MAX_STORED_CASES)
  if (cases.length > 0) {
    await tx.checkCase.createMany({
      data: cases.map((c, position) => ({
        promotionId: r.promotionId,
        checkId: r.checkId,
        position,
        category: c.category,
        input: c.input.slice(0, MAX_TEXT),
        output: c.output.slice(0, MAX_TEXT),
        verdict: c.verdict,
        detector: c.detector,
        details: (c.details ?? undefined) as object | undefined,
      })),
    })
  }
  if (outcome.metrics) {
    await tx.evaluationMetric.createMany({
      data: [{ promotionId: r.promotionId, versionId: await promotionVersionId(tx, r.promotionId), datasetDigest: outcome.metrics.datasetDigest, metrics: outcome.metrics.values, ...(outcome.metrics.itemOutcomes ? { itemOutcomes: outcome.metrics.itemOutcomes } : {}) }],
      skipDuplicates: true,
    })
  }
  await appendAudit(tx, {
    actor: 'modelgate',
    action: 'check.recorded',
    promotionId: r.promotionId,
    model: r.model,
    data: { tier: r.tier, check: r.checkId, status: outcome.status, measured: outcome.measured ?? null, threshold: outcome.threshold ?? null },
  })
  return true
}
