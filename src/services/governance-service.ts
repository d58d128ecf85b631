// The governance tier (prod): risk scored and frozen when the tier starts, approvals by the
// roles the risk calls for, and a deadline. The last required approval promotes the version
// in the same transaction; a reject or the deadline ends the promotion.
import { appendAudit } from '../audit/audit-log.js'
import { checkApproval } from '../domain/approval-rules.js'
import { conflict, notFound } from '../domain/errors.js'
import type { Catalog } from '../core/check-catalog.js'
import { resolveParams } from '../core/policy-validation.js'
import type { CheckOutcome } from '../domain/check-outcome.js'
import { signoffOutcomes, type SignedApproval } from '../domain/governance-checks.js'
import type { CheckPolicy, Policy, TierPolicy } from '../domain/policy.js'
import { riskWindowStart } from '../domain/policy-settings.js'
import { transition } from '../domain/promotion-state.js'
import { reviewDigest } from '../domain/review-digest.js'
import { assessRisk, requiredApprovals, type RequiredApproval, type RiskAssessment } from '../domain/risk.js'
import type { Principal, Role } from '../domain/roles.js'
import { declaresDataHandling } from '../gates/evidence/model-card.js'
import { emitEvent } from '../notify/outbox.js'
import type { Database, Tx } from '../store/database.js'
import { lockPromotion } from '../store/locks.js'
import { insertCheckResult } from './check-results.js'
import { blockPromotion, internalFailure, outcomeSubject, promoteVersion } from './promotion-outcomes.js'
import { isUuid } from '../domain/ids.js'
import { failed, type SignoffContext } from '../gates/check.js'
import type { FailedCheck } from '../domain/failure-summary.js'


async function loadForGovernance(tx: Tx, id: string) {
  return tx.promotion.findUniqueOrThrow({
    where: { id },
    include: {
      model: true,
      modelVersion: { select: { version: true } },
      approvals: { orderBy: { createdAt: 'asc' } },
      evidence: { select: { kind: true, digest: true } },
      checkResults: { select: { checkId: true, status: true, measured: true } },
    },
  })
}
type Loaded = Awaited<ReturnType<typeof loadForGovernance>>

const currentReviewDigest = (p: Loaded) => reviewDigest({
  artifactDigest: (p.artifact as { digest?: string } | null)?.digest ?? null,
  evidence: p.evidence,
  checks: p.checkResults.map((c) => ({ id: c.checkId, status: c.status, measured: c.measured })),
  policyVersion: p.policyVersion,
})

const signed = (p: Loaded): SignedApproval[] => p.approvals.map((a) => ({ role: a.role, principalName: a.principalName, decision: a.decision as SignedApproval['decision'], createdAt: a.createdAt.toISOString() }))

function governancePolicy(p: Loaded): TierPolicy | undefined {
  const policy = p.policy as unknown as { environments: Record<string, { tiers: TierPolicy[] }> }
  return policy.environments[p.targetEnvironment]?.tiers.find((t) => t.tier === 'governance')
}

type SignoffInput = Omit<SignoffContext, 'params'>

/** Decides one sign-off check of the policy with its catalog entry and validated params. */
function decideSignoff(catalog: Catalog, check: CheckPolicy, input: SignoffInput): CheckOutcome {
  const def = catalog.get(check.id)
  if (!def || def.runner !== 'signoff') return failed(`the policy names a sign-off "${check.id}" this service does not know`, 'fix the policy')
  const params = resolveParams(def, check.params)
  if (!params.ok) return failed(`the policy's params for ${check.id} are invalid: ${params.problems.join('; ')}`, 'put a policy in force whose params this check accepts', { details: { problems: params.problems } })
  return def.decide({ ...input, params: params.params })
}

const phaseOf = (catalog: Catalog, id: string) => {
  const def = catalog.get(id)
  return def?.runner === 'signoff' ? def.phase : 'decision'
}

/** Records the sign-off checks the policy holds and closes the governance gate run. */
async function closeGovernance(tx: Tx, catalog: Catalog, p: Loaded, passed: boolean, input: SignoffInput): Promise<void> {
  const tier = governancePolicy(p)
  for (const check of tier?.checks ?? []) {
    if (phaseOf(catalog, check.id) !== 'decision') continue
    await insertCheckResult(tx, { promotionId: p.id, model: p.model.name, tier: 'governance', checkId: check.id, severity: check.severity, outcome: decideSignoff(catalog, check, input) })
  }
  const closed = await tx.gateRun.updateMany({ where: { promotionId: p.id, tier: 'governance', status: 'running' }, data: { status: passed ? 'passed' : 'failed', finishedAt: new Date() } })
  if (closed.count === 1) {
    await appendAudit(tx, { actor: 'modelgate', action: 'tier.finished', promotionId: p.id, model: p.model.name, data: { tier: 'governance', passed } })
  }
}

function frozenRisk(p: Loaded): { risk: RiskAssessment; required: RequiredApproval[] } {
  return {
    risk: { score: p.riskScore ?? 0, level: (p.riskLevel ?? 'medium') as RiskAssessment['level'], factors: (p.riskFactors ?? []) as RiskAssessment['factors'] },
    required: (p.requiredApprovals ?? []) as unknown as RequiredApproval[],
  }
}

function signoffInput(p: Loaded, checkStatuses: Record<string, string> = {}, declaresDataHandling: boolean | null = null): SignoffInput {
  const { risk, required } = frozenRisk(p)
  return { profile: { userFacing: p.model.userFacing, handlesPii: p.model.handlesPii, financialImpact: p.model.financialImpact }, risk, required, approvals: signed(p), checkStatuses, declaresDataHandling }
}

async function expireInTx(tx: Tx, catalog: Catalog, p: Loaded, actor: string): Promise<boolean> {
  const t = transition('deadline_passed')
  const moved = await tx.promotion.updateMany({ where: { id: p.id, status: { in: [...t.from] } }, data: { status: t.to, activeKey: null, decidedAt: new Date() } })
  if (moved.count !== 1) return false
  await closeGovernance(tx, catalog, p, false, signoffInput(p))
  await appendAudit(tx, { actor, action: 'promotion.expired', promotionId: p.id, model: p.model.name, data: { deadline: p.deadline?.toISOString() ?? null, approvals: signed(p) } })
  await emitEvent(tx, 'promotion.expired', { promotionId: p.id, model: p.model.name, version: p.modelVersion.version, targetEnvironment: p.targetEnvironment, deadline: p.deadline?.toISOString() ?? null })
  return true
}

export function createGovernanceService(deps: { db: Database; catalog: Catalog; approvalTtlSeconds: number }) {
  const { prisma } = deps.db
  const { catalog } = deps

  return {
    /**
     * Starts the governance tier inside the tier runner's transaction: freezes the risk and
     * its approver set, checks compliance, and waits for approvals (or blocks).
     * Returns the deadline to schedule, or null when the promotion did not move to waiting.
     */
    async start(tx: Tx, promotionId: string): Promise<Date | null> {
      const p = await loadForGovernance(tx, promotionId)
      if (p.status !== 'running') return null
      const tier = governancePolicy(p)
      const [everPromoted, blockedBefore, results, card] = await Promise.all([
        tx.promotion.count({ where: { modelId: p.modelId, targetEnvironment: p.targetEnvironment, status: 'promoted' } }),
        tx.promotion.count({ where: { modelId: p.modelId, targetEnvironment: p.targetEnvironment, status: 'blocked', createdAt: { gte: riskWindowStart(p.policy as unknown as Policy) } } }),
        tx.checkResult.findMany({ where: { promotionId }, select: { checkId: true, status: true } }),
        tx.evidence.findUnique({ where: { promotionId_kind: { promotionId, kind: 'modelCard' } }, select: { content: true } }),
      ])
      const risk = assessRisk({ userFacing: p.model.userFacing, handlesPii: p.model.handlesPii, financialImpact: p.model.financialImpact, firstDeployment: everPromoted === 0, failedGates: blockedBefore })
      const required = requiredApprovals(risk.level, p.model.owner)

      let declared: boolean | null = null
      if (card) {
        try {
          declared = declaresDataHandling(card.content)
        } catch {
          declared = false
        }
      }
      const input: SignoffInput = {
        profile: { userFacing: p.model.userFacing, handlesPii: p.model.handlesPii, financialImpact: p.model.financialImpact },
        risk,
        required,
        approvals: [],
        checkStatuses: Object.fromEntries(results.map((r) => [r.checkId, r.status])),
        declaresDataHandling: declared,
      }
      const failures: FailedCheck[] = []
      for (const check of tier?.checks ?? []) {
        if (phaseOf(catalog, check.id) !== 'tier_start') continue
        const outcome = decideSignoff(catalog, check, input)
        await insertCheckResult(tx, { promotionId, model: p.model.name, tier: 'governance', checkId: check.id, severity: check.severity, outcome })
        if (outcome.status === 'failed') failures.push({ id: check.id, tier: 'governance', severity: check.severity, summary: outcome.summary, measured: outcome.measured, threshold: outcome.threshold, remedy: outcome.remedy ?? null })
      }
      if (failures.length > 0) {
        const closed = await tx.gateRun.updateMany({ where: { promotionId, tier: 'governance', status: 'running' }, data: { status: 'failed', finishedAt: new Date() } })
        if (closed.count === 1) await appendAudit(tx, { actor: 'modelgate', action: 'tier.finished', promotionId, model: p.model.name, data: { tier: 'governance', passed: false, failedChecks: failures.map((f) => f.id) } })
        await tx.promotion.update({ where: { id: promotionId }, data: { riskLevel: risk.level, riskScore: risk.score, riskFactors: risk.factors as object } })
        await blockPromotion(tx, outcomeSubject(p), 'governance', failures)
        return null
      }

      const deadline = new Date(Date.now() + deps.approvalTtlSeconds * 1000)
      const t = transition('tiers_passed_needs_approval')
      const moved = await tx.promotion.updateMany({
        where: { id: promotionId, status: { in: [...t.from] } },
        data: { status: t.to, riskLevel: risk.level, riskScore: risk.score, riskFactors: risk.factors as object, requiredApprovals: required as unknown as object, deadline },
      })
      if (moved.count !== 1) return null
      await appendAudit(tx, { actor: 'modelgate', action: 'promotion.awaiting_approval', promotionId, model: p.model.name, data: { risk, requiredApprovals: required, deadline: deadline.toISOString() } })
      await emitEvent(tx, 'promotion.awaiting_approval', { promotionId, model: p.model.name, version: p.modelVersion.version, targetEnvironment: p.targetEnvironment, riskLevel: risk.level, riskScore: risk.score, requiredApprovals: required.map((r) => r.role), deadline: deadline.toISOString() })
      return deadline
    },

    async approve(principal: Principal, promotionId: string, input: { role: Role; decision: 'approve' | 'reject'; reviewDigest: string; comment?: string }) {
      if (!isUuid(promotionId)) throw notFound(`promotion ${promotionId} does not exist`)
      const result = await prisma.$transaction(async (tx) => {
        const state = await lockPromotion(tx, promotionId)
        if (!state) throw notFound(`promotion ${promotionId} does not exist`)
        const p = await loadForGovernance(tx, promotionId)
        if (p.status !== 'awaiting_approval') {
          throw conflict(`promotion is ${p.status}, not awaiting approval`, { currentStatus: p.status })
        }
        if (p.deadline && p.deadline.getTime() <= Date.now()) {
          await expireInTx(tx, catalog, p, 'modelgate')
          return { expired: true as const }
        }
        const { risk, required } = frozenRisk(p)
        const refusal = checkApproval({ principal, role: input.role, requestedBy: p.requestedBy, required, existing: p.approvals.map((a) => ({ role: a.role, principalId: a.principalId })) })
        if (refusal) throw refusal
        // Read under the promotion's lock: the digest compared is the one the sign-off binds.
        const current = currentReviewDigest(p)
        if (input.reviewDigest !== current) {
          throw conflict('reviewDigest is not the promotion\'s current one: what was reviewed (artifact, evidence, check results or policy) is not what the promotion holds now; review it again and send its current reviewDigest', { reviewDigest: current })
        }

        const approval = await tx.approval.create({
          data: { promotionId, role: input.role, principalId: principal.id, principalName: principal.name, decision: input.decision, comment: input.comment ?? null, reviewDigest: current },
        })
        const record = { id: approval.id, role: approval.role, principal: approval.principalName, decision: approval.decision as 'approve' | 'reject', comment: approval.comment, reviewDigest: approval.reviewDigest, createdAt: approval.createdAt.toISOString() }
        await appendAudit(tx, { actor: principal.name, action: input.decision === 'approve' ? 'approval.recorded' : 'approval.rejected', promotionId, model: p.model.name, data: { role: input.role, decision: input.decision, reviewDigest: current, comment: input.comment ?? null } })
        await emitEvent(tx, 'approval.recorded', { promotionId, model: p.model.name, version: p.modelVersion.version, ...record })

        const after = await loadForGovernance(tx, promotionId)
        const outcomes = signoffOutcomes(risk, required, signed(after))
        const decided = signoffInput(after)
        if (input.decision === 'reject') {
          const t = transition('rejected')
          await tx.promotion.updateMany({ where: { id: promotionId, status: { in: [...t.from] } }, data: { status: t.to, activeKey: null, decidedAt: new Date(), failureSummary: `Rejected by ${principal.name} (${input.role})${input.comment ? `: ${input.comment}` : ''}` } })
          await closeGovernance(tx, catalog, after, false, decided)
          await appendAudit(tx, { actor: principal.name, action: 'promotion.rejected', promotionId, model: p.model.name, data: { role: input.role, comment: input.comment ?? null } })
          await emitEvent(tx, 'promotion.rejected', { promotionId, model: p.model.name, version: p.modelVersion.version, targetEnvironment: p.targetEnvironment, rejectedBy: principal.name, role: input.role })
          return { approval: record }
        }
        const allSigned = Object.values(outcomes).every((o) => o.status === 'passed')
        if (allSigned) {
          await closeGovernance(tx, catalog, after, true, decided)
          const promoted = await promoteVersion(tx, outcomeSubject(after), principal.name, 'approved')
          if (promoted === 'moved') {
            await blockPromotion(tx, outcomeSubject(after), 'governance', [internalFailure('governance', `version ${p.modelVersion.version} is no longer in ${p.sourceEnvironment}`, 'medium')], 'source_moved')
          }
        }
        return { approval: record }
      })
      if ('expired' in result) throw conflict('the approval deadline has passed; the promotion expired', { currentStatus: 'expired' })
      return result.approval
    },

    async expire(promotionId: string, actor = 'modelgate'): Promise<boolean> {
      return prisma.$transaction(async (tx) => {
        const state = await lockPromotion(tx, promotionId)
        if (!state || state.status !== 'awaiting_approval') return false
        const p = await loadForGovernance(tx, promotionId)
        if (!p.deadline || p.deadline.getTime() > Date.now()) return false
        return expireInTx(tx, catalog, p, actor)
      })
    },

    /** Expires every promotion whose deadline passed: Postgres is the source of truth. */
    async expireOverdue(limit = 200): Promise<number> {
      const overdue = await prisma.promotion.findMany({ where: { status: 'awaiting_approval', deadline: { lte: new Date() } }, select: { id: true }, take: limit })
      let n = 0
      for (const { id } of overdue) if (await this.expire(id)) n++
      return n
    },
  }
}

export type GovernanceService = ReturnType<typeof createGovernanceService>
