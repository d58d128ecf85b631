// Every change of a promotion's state, in one place. A transition moves the status along the
// state machine with a conditional update (a late or duplicated event changes nothing),
// closes any gate run still running, and writes the audit event and the outbox event, from
// one payload, in the caller's transaction. Tier starts and tier passes live here too, so a
// gate run is opened and closed only by this module.
import { appendAudit, type AuditEventInput } from '../audit/audit-log.js'
import { buildFailureReport, type FailedCheck } from '../domain/failure-summary.js'
import type { Severity, Tier } from '../domain/policy.js'
import { isTerminal, transition, type PromotionEvent } from '../domain/promotion-state.js'
import type { WebhookEvent } from '../notify/events.js'
import { emitEvent } from '../notify/outbox.js'
import type { Tx } from '../store/database.js'
import { lockVersion } from '../store/locks.js'
import { moveIfIn, type PromotionColumns } from './promotion-repository.js'

export type { PromotionColumns }

/** What the lifecycle needs to know about a promotion to move it. */
export interface PromotionRef {
  id: string
  model: string
  version: string
  versionId: string
  targetEnvironment: string
  sourceEnvironment: string | null
}

/** The reference of a promotion loaded with its model and version. */
export const promotionRef = (p: { id: string; model: { name: string }; modelVersion: { version: string }; versionId: string; targetEnvironment: string; sourceEnvironment: string | null }): PromotionRef => ({
  id: p.id,
  model: p.model.name,
  version: p.modelVersion.version,
  versionId: p.versionId,
  targetEnvironment: p.targetEnvironment,
  sourceEnvironment: p.sourceEnvironment,
})

const RECORDED_AS: Record<PromotionEvent, { action: string; webhook?: WebhookEvent }> = {
  start: { action: 'promotion.started' },
  tiers_passed_needs_approval: { action: 'promotion.awaiting_approval', webhook: 'promotion.awaiting_approval' },
  tiers_passed: { action: 'promotion.promoted', webhook: 'promotion.promoted' },
  approved: { action: 'promotion.promoted', webhook: 'promotion.promoted' },
  check_failed: { action: 'promotion.blocked', webhook: 'promotion.blocked' },
  internal_failure: { action: 'promotion.blocked', webhook: 'promotion.blocked' },
  source_moved: { action: 'promotion.blocked', webhook: 'promotion.blocked' },
  rejected: { action: 'promotion.rejected', webhook: 'promotion.rejected' },
  deadline_passed: { action: 'promotion.expired', webhook: 'promotion.expired' },
  cancel: { action: 'promotion.cancelled', webhook: 'promotion.cancelled' },
}

export interface Transition {
  event: PromotionEvent
  actor: string
  /** The one payload of the audit event and the webhook event. */
  data: Record<string, unknown>
  set?: PromotionColumns
  /** Checks that failed, for the tier.finished event of a gate run this closes. */
  failedChecks?: string[]
  now?: Date
}

function tierFinished(p: PromotionRef, actor: string, tier: string, status: string, failedChecks: string[]): AuditEventInput {
  return { actor, action: 'tier.finished', promotionId: p.id, model: p.model, data: { tier, passed: status === 'passed', status, failedChecks } }
}

/** Moves the promotion; false (and nothing written) when the event does not apply now. */
export async function transitionPromotion(tx: Tx, p: PromotionRef, t: Transition): Promise<boolean> {
  const rule = transition(t.event)
  const now = t.now ?? new Date()
  const terminal = isTerminal(rule.to)
  if (!(await moveIfIn(tx, p.id, rule.from, rule.to, t.set ?? {}, terminal ? now : null))) return false
  const audit: AuditEventInput[] = []
  if (terminal) {
    // A promotion that ended leaves no gate run running: a cancelled one's is "cancelled",
    // any other's "failed" (a tier that passed was closed when it passed).
    const status = t.event === 'cancel' ? 'cancelled' : 'failed'
    const running = await tx.gateRun.findMany({ where: { promotionId: p.id, status: 'running' }, select: { tier: true } })
    if (running.length > 0) {
      await tx.gateRun.updateMany({ where: { promotionId: p.id, status: 'running' }, data: { status, finishedAt: now } })
      for (const r of running) audit.push(tierFinished(p, 'modelgate', r.tier, status, t.failedChecks ?? []))
    }
  }
  const { action, webhook } = RECORDED_AS[t.event]
  const payload = { promotionId: p.id, model: p.model, version: p.version, targetEnvironment: p.targetEnvironment, ...t.data }
  if (webhook) await emitEvent(tx, webhook, payload)
  // The audit append comes last: it takes the chain's lock, held until commit.
  audit.push({ actor: t.actor, action, promotionId: p.id, model: p.model, data: payload })
  await appendAudit(tx, audit)
  return true
}

/** Opens a tier's gate run (once); false when it was already open or closed. */
export async function startTier(tx: Tx, p: Pick<PromotionRef, 'id' | 'model'>, tier: Tier, position: number): Promise<boolean> {
  const created = await tx.gateRun.createMany({ data: [{ promotionId: p.id, tier, position, status: 'running', startedAt: new Date() }], skipDuplicates: true })
  if (created.count !== 1) return false
  await appendAudit(tx, { actor: 'modelgate', action: 'tier.started', promotionId: p.id, model: p.model, data: { tier } })
  return true
}

/** Closes a tier that passed while the promotion goes on (to the next tier or to a decision). */
export async function passTier(tx: Tx, p: PromotionRef, tier: Tier): Promise<boolean> {
  const closed = await tx.gateRun.updateMany({ where: { promotionId: p.id, tier, status: 'running' }, data: { status: 'passed', finishedAt: new Date() } })
  if (closed.count !== 1) return false
  await appendAudit(tx, tierFinished(p, 'modelgate', tier, 'passed', []))
  return true
}

export async function blockPromotion(tx: Tx, p: PromotionRef, tier: string, failures: FailedCheck[], event: PromotionEvent = 'check_failed', set: PromotionColumns = {}): Promise<boolean> {
  const report = buildFailureReport({ model: p.model, version: p.version, target: p.targetEnvironment, tier }, failures)
  const moved = await transitionPromotion(tx, p, {
    event,
    actor: 'modelgate',
    set: { ...set, failureSummary: report.summary, severity: report.severity, currentTier: tier },
    failedChecks: failures.map((f) => f.id),
    data: {
      tier,
      severity: report.severity,
      failureSummary: report.summary,
      failedChecks: failures.map((f) => ({ id: f.id, severity: f.severity, summary: f.summary, measured: f.measured, threshold: f.threshold })),
    },
  })
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
      failedChecks: failures.map((f) => ({ id: f.id, tier: f.tier, severity: f.severity, summary: f.summary, remedy: f.remedy })),
    },
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
export async function promoteVersion(tx: Tx, p: PromotionRef, actor: string, event: 'tiers_passed' | 'approved' = 'tiers_passed'): Promise<'promoted' | 'moved' | 'stale'> {
  const version = await lockVersion(tx, p.versionId)
  if (!version || version.environment !== p.sourceEnvironment) return 'moved'
  const now = new Date()
  const replaced = await tx.modelVersion.findMany({
    where: { model: { name: p.model }, environment: p.targetEnvironment, id: { not: p.versionId } },
    select: { id: true, version: true },
  })
  const moved = await transitionPromotion(tx, p, { event, actor, now, data: { from: p.sourceEnvironment, to: p.targetEnvironment, replaced: replaced.map((r) => r.version) } })
  if (!moved) return 'stale'
  if (replaced.length > 0) {
    await tx.modelVersion.updateMany({
      where: { id: { in: replaced.map((r) => r.id) } },
      data: { environment: null, replacedAt: now, replacedBy: p.version, replacedIn: p.targetEnvironment },
    })
  }
  await tx.modelVersion.update({ where: { id: p.versionId }, data: { environment: p.targetEnvironment, promotedAt: now } })
  await resolveTicketsFixedBy(tx, p, now)
  return 'promoted'
}

/** Open tickets of this model and environment are fixed by this promotion: resolved with it. */
async function resolveTicketsFixedBy(tx: Tx, p: PromotionRef, now: Date): Promise<void> {
  const open = await tx.remediationTicket.findMany({ where: { model: p.model, targetEnvironment: p.targetEnvironment, status: 'open' }, select: { id: true, promotionId: true, version: true } })
  if (open.length === 0) return
  const resolution = `promotion ${p.id} moved ${p.model} ${p.version} to ${p.targetEnvironment}`
  await tx.remediationTicket.updateMany({ where: { id: { in: open.map((t) => t.id) }, status: 'open' }, data: { status: 'resolved', resolvedAt: now, resolvedBy: 'modelgate', resolution } })
  await appendAudit(tx, open.map((t) => ({ actor: 'modelgate', action: 'ticket.resolved', promotionId: t.promotionId, model: p.model, data: { ticketId: t.id, version: t.version, targetEnvironment: p.targetEnvironment, resolvedByPromotion: p.id, reason: resolution } })))
}
