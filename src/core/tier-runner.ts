// Runs one tier of one promotion (the worker side of a gate job): load, run the checks with
// the job's abort signal, close the tier through the lifecycle. Every step is idempotent: a
// job delivered twice, or re-driven by the reconciler, records each check once and never
// moves a promotion backwards; a promotion that ended meanwhile ignores late results.
import { judgeFromParams as judgeFrom } from '../gates/checks/shared-params.js'
import { UnrecoverableError } from 'bullmq'
import type { Logger } from '../logger.js'
import { blocksTier } from '../domain/check-status.js'
import type { FailedCheck } from '../domain/failure-summary.js'
import { nextTier, tiersFor, type CheckPolicy, type Policy, type Severity, type Tier } from '../domain/policy.js'
import { isTerminal } from '../domain/promotion-state.js'
import type { CheckContext, CheckOutcome, PromotionSubject } from '../gates/check.js'
import { withEvaluationRecord } from '../gates/evaluation-record.js'
import type { AnswerStore } from '../evaluation/cache/index.js'
import type { Database, Tx } from '../store/database.js'
import type { Catalog } from './check-catalog.js'
import { createCheckLookups } from './check-lookups.js'
import { datasetMinimums, evaluationBudget, evaluationPolicy } from '../domain/policy-settings.js'
import { createBudgetMeter, type BudgetMeter } from '../evaluation/budget.js'
import { addEvaluationUsage, beginEvaluationUsage } from './evaluation-usage.js'
import { createEvaluationServices, type EvaluationDataset, type EvaluationSettings } from '../evaluation/services.js'
import { insertCheckResult } from './check-results.js'
import type { GovernanceService } from './governance.js'
import { blockPromotion, internalFailure, passTier, promoteVersion, promotionRef, startTier, transitionPromotion } from './lifecycle.js'
import { resolveParams } from './policy-validation.js'
import { findPromotion, lockPromotion, promotionStatus, setCurrentTier, shareLockPromotion, type PromotionRecord } from './promotion-repository.js'

/** Where the runner asks for the next tier and for the approval deadline's alarm. */
export interface TierScheduling {
  enqueueTier(promotionId: string, tier: Tier): Promise<void>
  scheduleExpiry(promotionId: string, deadline: Date): Promise<void>
}

export interface TierRunnerDeps {
  db: Database
  evaluation: EvaluationSettings
  catalog: Catalog
  scheduling: TierScheduling
  governance: GovernanceService
  logger: Logger
  /** Where model answers are kept for reuse (the evaluation_cache table); none: every answer is asked. */
  answerStore?: AnswerStore | null
}

type LoadedPromotion = PromotionRecord

/** A judge model named by any check of the tier (params.judge: {url, model}). */

export function createTierRunner(deps: TierRunnerDeps) {
  const { db, catalog, scheduling, logger } = deps
  const prisma = db.prisma

  async function runCheck(policy: CheckPolicy, ctx: Omit<CheckContext, 'params'>): Promise<CheckOutcome> {
    const def = catalog.get(policy.id)
    if (!def || def.runner !== 'worker') {
      return { status: 'failed', measured: null, threshold: null, details: { error: 'unknown check' }, summary: `the policy names a check "${policy.id}" this service does not run in the ${def?.tier ?? 'this'} tier`, remedy: 'fix the policy' }
    }
    // A stored policy was validated when it was put in force; this catches one written
    // before a param was renamed or removed.
    const params = resolveParams(def, policy.params)
    if (!params.ok) {
      return { status: 'failed', measured: null, threshold: null, details: { error: 'invalid params', problems: params.problems }, summary: `the policy's params for ${policy.id} are invalid: ${params.problems.join('; ')}`, remedy: 'put a policy in force whose params this check accepts' }
    }
    // The check's own view of the services, so its cache hits and model calls are its own.
    const evaluation = ctx.evaluation.scoped()
    try {
      return withEvaluationRecord(await def.run({ ...ctx, evaluation, params: params.params }), evaluation)
    } catch (err) {
      // A check that throws has not judged the model; it fails visibly with the reason
      // instead of passing or hanging the promotion.
      const message = err instanceof Error ? err.message : String(err)
      logger.warn({ err, check: policy.id, promotionId: ctx.promotion.id }, 'check threw')
      return { status: 'failed', measured: null, threshold: null, details: { error: message }, summary: `the check could not run: ${message}`, remedy: 'see details.error; nothing was measured' }
    }
  }

  /** A check that calls the model reports the promotion's spending when it finished (details.budget). */
  function withBudget(policy: CheckPolicy, outcome: CheckOutcome, budget: BudgetMeter): CheckOutcome {
    const requires = catalog.get(policy.id)?.requires
    if (!requires?.endpoint && !requires?.outputFilter) return outcome
    if (outcome.status === 'not_applicable' || 'budget' in outcome.details) return outcome
    return { ...outcome, details: { ...outcome.details, budget: budget.usage() } }
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
      const ref = promotionRef(p)
      await transitionPromotion(tx, ref, { event: 'start', actor: 'modelgate', set: { currentTier: tier }, data: { tier } })
      const state = await shareLockPromotion(tx, p.id)
      if (state?.status !== 'running') return
      await startTier(tx, ref, tier, position)
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
      // An inconclusive measurement blocks like a failure unless the policy let it through.
      const failures: FailedCheck[] = results
        .filter((r) => blocksTier(r.status, r.details))
        .map((r) => ({ id: r.checkId, tier, severity: r.severity as Severity, summary: r.summary, measured: r.measured, threshold: r.threshold, remedy: r.remedy, status: r.status }))
      const ref = promotionRef(p)
      if (failures.length > 0) {
        await blockPromotion(tx, ref, tier, failures)
        return null
      }
      await passTier(tx, ref, tier)
      const next = nextTier(policy, p.targetEnvironment, tier)
      if (next) {
        await setCurrentTier(tx, p.id, next)
        return next
      }
      const outcome = await promoteVersion(tx, ref, 'modelgate')
      if (outcome === 'moved') {
        await blockPromotion(tx, ref, tier, [
          internalFailure(tier, `version ${p.modelVersion.version} is no longer in ${p.sourceEnvironment ?? 'no environment'}, so it cannot move to ${p.targetEnvironment}`, 'medium'),
        ], 'source_moved')
      }
      return null
    })
  }

  return {
    /** `signal` aborts the tier's model calls (the promotion was cancelled, or the worker stops). */
    async run(promotionId: string, tier: Tier, signal: AbortSignal = new AbortController().signal): Promise<void> {
      const p = await findPromotion(db, promotionId)
      if (!p) throw new UnrecoverableError(`promotion ${promotionId} does not exist`)
      if (isTerminal(p.status) || p.status === 'awaiting_approval') return
      const { policy } = p
      const tiers = tiersFor(policy, p.targetEnvironment)
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
        if (deadline) await scheduling.scheduleExpiry(promotionId, deadline)
        return
      }
      const done = new Set((await prisma.checkResult.findMany({ where: { promotionId, tier }, select: { checkId: true } })).map((r) => r.checkId))
      if ((await promotionStatus(prisma, promotionId)) !== 'running') return

      const evidenceRows = await prisma.evidence.findMany({ where: { promotionId }, select: { kind: true, content: true } })
      const evidence = new Map(evidenceRows.map((e) => [e.kind, e.content]))
      const subject: PromotionSubject = {
        id: p.id,
        model: { name: p.model.name, kind: p.model.kind, owner: p.model.owner, userFacing: p.model.userFacing, handlesPii: p.model.handlesPii, financialImpact: p.model.financialImpact },
        version: p.modelVersion.version,
        targetEnvironment: p.targetEnvironment,
        requestedBy: p.requestedBy,
        endpoint: p.endpoint,
        evaluation: p.evaluation,
        outputFilter: p.outputFilter,
        artifact: p.artifact,
      }
      const lookups = createCheckLookups(db, p)
      // The budget is the promotion's: this tier's meter starts from what earlier tiers spent.
      const spent = await beginEvaluationUsage(db, promotionId)
      const budget = createBudgetMeter({ limits: evaluationBudget(policy), startedAt: spent.startedAt.getTime(), spent })
      const saveUsage = () => addEvaluationUsage(db, promotionId, budget.takeUnsaved())
      const evaluation = createEvaluationServices({
        modelKind: subject.model.kind,
        endpoint: p.endpoint,
        outputFilter: p.outputFilter,
        datasetName: p.evaluation?.dataset,
        loadDataset: async (name): Promise<EvaluationDataset | null> => {
          const d = await prisma.dataset.findUnique({ where: { name } })
          return d ? { name: d.name, digest: d.digest, kind: d.kind as EvaluationDataset['kind'], records: d.records as EvaluationDataset['records'] } : null
        },
        datasetMinimums: datasetMinimums(p.policy),
        settings: deps.evaluation,
        judge: judgeFrom(tierPolicy.checks.map((c) => c.params)),
        signal,
        generation: evaluationPolicy(p.policy),
        cache: { store: deps.answerStore ?? null, artifactDigest: p.artifact?.digest ?? null },
        budget,
      })
      // Within a tier every check runs, even when one fails, so the summary is complete.
      try {
        await Promise.all(
          tierPolicy.checks
            .filter((c) => !done.has(c.id))
            .map(async (c) => {
              const outcome = withBudget(c, await runCheck(c, { promotion: subject, lookups, evaluation, evidence, signal }), budget)
              // A cancelled run's results are not a judgement of the model.
              if (signal.aborted) return
              await recordCheck(p, tier, c, outcome)
              await saveUsage().catch((err) => logger.warn({ err, promotionId }, 'could not save evaluation usage; the tier saves it again when it ends'))
            }),
        )
      } finally {
        // Calls made are spent, whether or not the tier finished.
        await saveUsage()
      }
      if (signal.aborted) return
      const next = await finish(p, tier, tierPolicy.checks, policy)
      if (next) await scheduling.enqueueTier(promotionId, next)
    },

    /** A gate job that exhausted its retries leaves the promotion visibly failed. */
    async failPromotion(promotionId: string, tier: Tier, reason: string): Promise<boolean> {
      const p = await findPromotion(db, promotionId)
      if (!p || isTerminal(p.status)) return false
      return prisma.$transaction((tx) => blockPromotion(tx, promotionRef(p), tier, [internalFailure(tier, reason)], 'internal_failure'))
    },
  }
}

export type TierRunner = ReturnType<typeof createTierRunner>
