// The ways a promotion ends, each a set of writes inside the caller's transaction: the status
// moves only along the state machine (conditional update), the active slot is released, and
// the audit event is appended in the same commit.
import { appendAudit } from '../audit/audit-log.js'
import { buildFailureReport, type FailedCheck } from '../domain/failure-summary.js'
import { transition, type PromotionEvent } from '../domain/promotion-state.js'
import type { Severity } from '../domain/policy.js'
import type { Tx } from '../store/database.js'
import { lockVersion } from '../store/locks.js'
import { emitEvent } from '../notify/outbox.js'

interface Subject {
  id: string
  model: string
  version: string
  versionId: string
  targetEnvironment: string
  sourceEnvironment: string | null
}

/** The subject of an outcome, from a promotion loaded with its model and version. */
export const outcomeSubject = (p: { id: string; model: { name: string }; modelVersion: { version: string }; versionId: string; targetEnvironment: string; sourceEnvironment: string | null }): Subject => ({
  id: p.id,
  model: p.model.name,
  version: p.modelVersion.version,
  versionId: p.versionId,
  targetEnvironment: p.targetEnvironment,
  sourceEnvironment: p.sourceEnvironment,
})

async function move(tx: Tx, id: string, event: PromotionEvent, data: Record<string, unknown>): Promise<boolean> {
  const t = transition(event)
  const res = await tx.promotion.updateMany({
    where: { id, status: { in: [...t.from] } },
    data: { ...data, status: t.to, activeKey: null, decidedAt: new Date() },
  })
  return res.count === 1
}

export async function blockPromotion(tx: Tx, p: Subject, tier: string, failures: FailedCheck[], event: PromotionEvent = 'check_failed'): Promise<boolean> {
  const report = buildFailureReport({ model: p.model, version: p.version, target: p.targetEnvironment, tier }, failures)
  const moved = await move(tx, p.id, event, { failureSummary: report.summary, severity: report.severity, currentTier: tier })
  if (!moved) return false
  await tx.remediationTicket.create({
    data: {
      promotionId: p.id,
      model: p.model,
      version: p.version,
      targetEnvironment: p.targetEnvironment,
      severity: report.severity,
      title: report.title,
      summary: report.summary,
      failedChecks: failures.map((f) => ({ id: f.id, tier: f.tier, severity: f.severity, summary: f.summary, remedy: f.remedy })) as object,
    },
  })
  await emitEvent(tx, 'promotion.blocked', {
    promotionId: p.id,
    model: p.model,
    version: p.version,
    targetEnvironment: p.targetEnvironment,
    tier,
    severity: report.severity,
    failureSummary: report.summary,
    failedChecks: failures.map((f) => ({ id: f.id, severity: f.severity, summary: f.summary, measured: f.measured, threshold: f.threshold })),
  })
  await appendAudit(tx, {
    actor: 'modelgate',
    action: 'promotion.blocked',
    promotionId: p.id,
    model: p.model,
    data: { version: p.version, targetEnvironment: p.targetEnvironment, tier, severity: report.severity, failedChecks: failures.map((f) => f.id) },
  })
  return true
}

export function internalFailure(tier: string, reason: string, severity: Severity = 'high'): FailedCheck {
  return {
    id: `${tier}_gate_job`,
    tier,
    severity,
    summary: `the ${tier} gate could not be evaluated: ${reason}`,
    measured: null,
    threshold: null,
    remedy: 'nothing in the model was judged; fix the cause above if it is yours, then request the promotion again',
  }
}

/**
 * Moves the version into the target environment. The version that was there is recorded as
 * replaced in the same transaction, so an environment never holds two versions.
 */
export async function promoteVersion(tx: Tx, p: Subject, actor: string, event: PromotionEvent = 'tiers_passed'): Promise<'promoted' | 'moved' | 'stale'> {
  const version = await lockVersion(tx, p.versionId)
  if (!version || version.environment !== p.sourceEnvironment) return 'moved'
  const now = new Date()
  if (!(await move(tx, p.id, event, {}))) return 'stale'
  const replaced = await tx.modelVersion.findMany({
    where: { model: { name: p.model }, environment: p.targetEnvironment, id: { not: p.versionId } },
    select: { id: true, version: true },
  })
  if (replaced.length > 0) {
    await tx.modelVersion.updateMany({
      where: { id: { in: replaced.map((r) => r.id) } },
      data: { environment: null, replacedAt: now, replacedBy: p.version, replacedIn: p.targetEnvironment },
    })
  }
  await tx.modelVersion.update({ where: { id: p.versionId }, data: { environment: p.targetEnvironment, promotedAt: now } })
  await emitEvent(tx, 'promotion.promoted', { promotionId: p.id, model: p.model, version: p.version, from: p.sourceEnvironment, to: p.targetEnvironment, replaced: replaced.map((r) => r.version) })
  await appendAudit(tx, {
    actor,
    action: 'promotion.promoted',
    promotionId: p.id,
    model: p.model,
    data: {
      version: p.version,
      from: p.sourceEnvironment,
      to: p.targetEnvironment,
      replaced: replaced.map((r) => r.version),
    },
  })
  return 'promoted'
}
