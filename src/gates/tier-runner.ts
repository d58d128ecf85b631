// Runs one tier of one promotion (the worker side of a gate job). Every step is idempotent:
// a job delivered twice, or re-driven by the reconciler, records each check once and never
// moves a promotion backwards; a promotion that ended meanwhile ignores late results.
import { UnrecoverableError } from 'bullmq'
import type { Logger } from '../logger.js'
import { appendAudit } from '../audit/audit-log.js'
import type { Environment } from '../domain/environments.js'
import type { FailedCheck } from '../domain/failure-summary.js'
import { nextTier, tiersFor, type CheckPolicy, type Policy, type Severity, type Tier } from '../domain/policy.js'
import { isTerminal } from '../domain/promotion-state.js'
import type { DeadlineQueue } from '../queue/deadline-queue.js'
import type { GateQueue } from '../queue/gate-queue.js'
import type { GovernanceService } from '../services/governance-service.js'
import { insertCheckResult } from '../services/check-results.js'
import { blockPromotion, internalFailure, outcomeSubject, promoteVersion } from '../services/promotion-outcomes.js'
import type { Database, Tx } from '../store/database.js'
import { lockPromotion, shareLockPromotion } from '../store/locks.js'
import type { CheckContext, CheckOutcome, PromotionSubject } from './check.js'
import type { CheckRegistry } from './registry.js'
import { createCheckLookups } from './check-lookups.js'
import { createEvaluationServices, type EvaluationDataset, type EvaluationSettings } from '../evaluation/services.js'

export interface TierRunnerDeps {
  db: Database
  evaluation: EvaluationSettings
  checks: CheckRegistry
  gateQueue: GateQueue
  deadlineQueue: DeadlineQueue
  governance: GovernanceService
  logger: Logger
}

async function loadPromotion(db: Database, id: string) {
  return db.prisma.promotion.findUnique({
    where: { id },
    include: { model: true, modelVersion: { select: { version: true } } },
  })
}
type LoadedPromotion = NonNullable<Awaited<ReturnType<typeof loadPromotion>>>

/** A judge model named by any check of the tier (params.judge: {url, model}). */
function judgeFrom(checks: CheckPolicy[]): { url: string; model: string } | undefined {
  for (const c of checks) {
    const j = c.params.judge as { url?: unknown; model?: unknown } | undefined
    if (j && typeof j.url === 'string' && typeof j.model === 'string') return { url: j.url, model: j.model }
  }
  return undefined
}

export function createTierRunner(deps: TierRunnerDeps) {
  const { db, checks, gateQueue, logger } = deps
  const prisma = db.prisma

  async function runCheck(policy: CheckPolicy, ctx: CheckContext): Promise<CheckOutcome> {
    const def = checks.get(policy.id)
    if (!def) {
      return { status: 'failed', measured: null, threshold: null, details: { error: 'unknown check' }, summary: `the policy names a check "${policy.id}" this service does not know`, remedy: 'fix the policy' }
    }
    try {
      return await def.run(ctx)
    } catch (err) {
      // A check that throws has not judged the model; it fails visibly with the reason
      // instead of passing or hanging the promotion.
      const message = err instanceof Error ? err.message : String(err)
      logger.warn({ err, check: policy.id, promotionId: ctx.promotion.id }, 'check threw')
      return { status: 'failed', measured: null, threshold: null, details: { error: message }, summary: `the check could not run: ${message}`, remedy: 'see details.error; nothing was measured' }
    }
  }

  async function recordCheck(p: LoadedPromotion, tier: Tier, policy: CheckPolicy, outcome: CheckOutcome): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const state = await shareLockPromotion(tx, p.id)
      if (!state || state.status !== 'running') return
      await insertCheckResult(tx, { promotionId: p.id, model: p.model.name, tier, checkId: policy.id, severity: policy.severity, outcome })
    })
  }

  async function start(p: LoadedPromotion, tier: Tier, position: number): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const started = await tx.promotion.updateMany({ where: { id: p.id, status: 'queued' }, data: { status: 'running', currentTier: tier } })
      if (started.count === 1) {
        await appendAudit(tx, { actor: 'modelgate', action: 'promotion.started', promotionId: p.id, model: p.model.name, data: {} })
      }
      const state = await shareLockPromotion(tx, p.id)
      if (state?.status !== 'running') return
      const created = await tx.gateRun.createMany({
        data: [{ promotionId: p.id, tier, position, status: 'running', startedAt: new Date() }],
        skipDuplicates: true,
      })
      if (created.count === 1) {
        await appendAudit(tx, { actor: 'modelgate', action: 'tier.started', promotionId: p.id, model: p.model.name, data: { tier } })
      }
    })
  }

  /** Decides the tier from its recorded checks; returns the tier to enqueue next, if any. */
  async function finish(p: LoadedPromotion, tier: Tier, expected: CheckPolicy[], policy: Policy): Promise<Tier | null> {
    return prisma.$transaction(async (tx: Tx) => {
      const state = await lockPromotion(tx, p.id)
      if (!state || state.status !== 'running') return null
      const results = await tx.checkResult.findMany({ where: { promotionId: p.id, tier } })
      const missing = expected.filter((c) => !results.some((r) => r.checkId === c.id))
      if (missing.length > 0) throw new Error(`checks not recorded yet: ${missing.map((c) => c.id).join(', ')}`)
      // An inconclusive measurement blocks like a failure unless the policy let it through
      // (onInconclusive: warn marks it allowedByPolicy).
      const blocking = (r: (typeof results)[number]) =>
        r.status === 'failed' || (r.status === 'inconclusive' && (r.details as { allowedByPolicy?: unknown } | null)?.allowedByPolicy !== true)
      const failures: FailedCheck[] = results
        .filter(blocking)
        .map((r) => ({ id: r.checkId, tier, severity: r.severity as Severity, summary: r.summary, measured: r.measured, threshold: r.threshold, remedy: r.remedy }))
      const passed = failures.length === 0
      const closed = await tx.gateRun.updateMany({
        where: { promotionId: p.id, tier, status: 'running' },
        data: { status: passed ? 'passed' : 'failed', finishedAt: new Date() },
      })
      if (closed.count === 1) {
        await appendAudit(tx, {
          actor: 'modelgate',
          action: 'tier.finished',
          promotionId: p.id,
          model: p.model.name,
          data: { tier, passed, failedChecks: failures.map((f) => f.id) },
        })
      }
      if (!passed) {
        await blockPromotion(tx, outcomeSubject(p), tier, failures)
        return null
      }
      const next = nextTier(policy, p.targetEnvironment as Environment, tier)
      if (next) {
        await tx.promotion.update({ where: { id: p.id }, data: { currentTier: next } })
        return next
      }
      const outcome = await promoteVersion(tx, outcomeSubject(p), 'modelgate')
      if (outcome === 'moved') {
        await blockPromotion(tx, outcomeSubject(p), tier, [
          internalFailure(tier, `version ${p.modelVersion.version} is no longer in ${p.sourceEnvironment ?? 'no environment'}, so it cannot move to ${p.targetEnvironment}`, 'medium'),
        ], 'source_moved')
      }
      return null
    })
  }

  return {
    async run(promotionId: string, tier: Tier): Promise<void> {
      const p = await loadPromotion(db, promotionId)
      if (!p) throw new UnrecoverableError(`promotion ${promotionId} does not exist`)
      if (isTerminal(p.status) || p.status === 'awaiting_approval') return
      const policy = p.policy as unknown as Policy
      const tiers = tiersFor(policy, p.targetEnvironment as Environment)
      const position = tiers.findIndex((t) => t.tier === tier)
      const tierPolicy = tiers[position]
      if (!tierPolicy) throw new UnrecoverableError(`tier ${tier} is not in the policy for ${p.targetEnvironment}`)
      // Tiers run in order: a job for a later tier waits for the earlier ones to pass.
      if (position > 0) {
        const earlier = await prisma.gateRun.findMany({ where: { promotionId, tier: { in: tiers.slice(0, position).map((t) => t.tier) } } })
        if (earlier.length < position || earlier.some((g) => g.status !== 'passed')) {
          throw new UnrecoverableError(`tier ${tier} requested before the earlier tiers passed`)
        }
      }

      await start(p, tier, position)
      if (tier === 'governance') {
        // Sign-offs, not measurements: the tier waits for people, so it runs in the API as
        // approvals arrive. Here it only freezes the risk and starts the clock.
        const deadline = await prisma.$transaction(async (tx) => {
          const state = await lockPromotion(tx, promotionId)
          return state?.status === 'running' ? deps.governance.start(tx, promotionId) : null
        })
        if (deadline) await deps.deadlineQueue.scheduleExpiry(promotionId, deadline)
        return
      }
      const done = new Set((await prisma.checkResult.findMany({ where: { promotionId, tier }, select: { checkId: true } })).map((r) => r.checkId))
      const current = await prisma.promotion.findUnique({ where: { id: promotionId }, select: { status: true } })
      if (current?.status !== 'running') return

      const evidenceRows = await prisma.evidence.findMany({ where: { promotionId }, select: { kind: true, content: true } })
      const evidence = new Map(evidenceRows.map((e) => [e.kind, e.content]))
      const subject: PromotionSubject = {
        id: p.id,
        model: { name: p.model.name, kind: p.model.kind as 'classifier' | 'llm', owner: p.model.owner, userFacing: p.model.userFacing, handlesPii: p.model.handlesPii, financialImpact: p.model.financialImpact },
        version: p.modelVersion.version,
        targetEnvironment: p.targetEnvironment as Environment,
        requestedBy: p.requestedBy,
        endpoint: p.endpoint,
        evaluation: p.evaluation,
        outputFilter: p.outputFilter,
        artifact: p.artifact,
      }
      const lookups = createCheckLookups(db, p)
      const evaluation = createEvaluationServices({
        modelKind: subject.model.kind,
        endpoint: p.endpoint,
        outputFilter: p.outputFilter,
        datasetName: (p.evaluation as { dataset?: string } | null)?.dataset,
        loadDataset: async (name): Promise<EvaluationDataset | null> => {
          const d = await prisma.dataset.findUnique({ where: { name } })
          return d ? { name: d.name, digest: d.digest, kind: d.kind as EvaluationDataset['kind'], records: d.records as EvaluationDataset['records'] } : null
        },
        settings: deps.evaluation,
        judge: judgeFrom(tierPolicy.checks),
      })
      const controller = new AbortController()
      // Within a tier every check runs, even when one fails, so the summary is complete.
      await Promise.all(
        tierPolicy.checks
          .filter((c) => !done.has(c.id))
          .map(async (c) => {
            const outcome = await runCheck(c, { promotion: subject, lookups, evaluation, evidence, params: c.params, signal: controller.signal })
            await recordCheck(p, tier, c, outcome)
          }),
      )
      const next = await finish(p, tier, tierPolicy.checks, policy)
      if (next) await gateQueue.enqueueTier(promotionId, next)
    },

    /** A gate job that exhausted its retries leaves the promotion visibly failed. */
    async failPromotion(promotionId: string, tier: Tier, reason: string): Promise<boolean> {
      const p = await loadPromotion(db, promotionId)
      if (!p || isTerminal(p.status)) return false
      return prisma.$transaction((tx) => blockPromotion(tx, outcomeSubject(p), tier, [internalFailure(tier, reason)], 'internal_failure'))
    },
  }
}

export type TierRunner = ReturnType<typeof createTierRunner>
