// The governance tier (prod): risk scored and frozen when the tier starts, approvals by the
// roles the risk calls for, and a deadline. Sign-offs are the catalog's governance checks,
// decided on this one path whenever the tier starts, an approval arrives or the deadline
// passes. The last required approval promotes the version in the same transaction; a reject
// or the deadline ends the promotion. Time comes from the injected clock.
import { appendAudit } from '../audit/audit-log.js'
import type { CheckOutcome } from '../domain/check-outcome.js'
import { checkApproval } from '../domain/approval-rules.js'
import { systemClock, type Clock } from '../domain/clock.js'
import { conflict, notFound } from '../domain/errors.js'
import type { FailedCheck } from '../domain/failure-summary.js'
import { signoffOutcomes, type SignedApproval } from '../domain/governance-checks.js'
import { isUuid } from '../domain/ids.js'
import type { CheckPolicy, TierPolicy } from '../domain/policy.js'
import { riskWindowStart } from '../domain/policy-settings.js'
import { reviewDigest } from '../domain/review-digest.js'
import { assessRisk, requiredApprovals, type RequiredApproval, type RiskAssessment } from '../domain/risk.js'
import type { Principal, Role } from '../domain/roles.js'
import { failed, type SignoffContext } from '../gates/check.js'
import { declaresDataHandling } from '../gates/evidence/model-card.js'
import { emitEvent } from '../notify/outbox.js'
import type { Database, Tx } from '../store/database.js'
import type { Catalog } from './check-catalog.js'
import { insertCheckResult } from './check-results.js'
import { blockPromotion, internalFailure, passTier, promoteVersion, promotionRef, transitionPromotion } from './lifecycle.js'
import { countPromotions, findForGovernance, lockPromotion, overdueApprovals, promotionStatus, type GovernanceRecord } from './promotion-repository.js'
import { resolveParams } from './policy-validation.js'

async function loadForGovernance(tx: Tx, id: string): Promise<GovernanceRecord> {
  const p = await findForGovernance(tx, id)
  if (!p) throw notFound(`promotion ${id} does not exist`)
  return p
}
type Loaded = GovernanceRecord
type SignoffInput = Omit<SignoffContext, 'params'>

const currentReviewDigest = (p: Loaded) => reviewDigest({
  artifactDigest: p.artifact?.digest ?? null,
  evidence: p.evidence,
  checks: p.checkResults.map((c) => ({ id: c.checkId, status: c.status, measured: c.measured })),
  policyVersion: p.policyVersion,
})

const signed = (p: Loaded): SignedApproval[] => p.approvals.map((a) => ({ role: a.role, principalName: a.principalName, decision: a.decision as SignedApproval['decision'], createdAt: a.createdAt.toISOString() }))

function governancePolicy(p: Loaded): TierPolicy | undefined {
  return p.policy.environments[p.targetEnvironment].tiers.find((t) => t.tier === 'governance')
}

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

/** Records the decision-phase sign-offs the policy holds. */
async function recordSignoffs(tx: Tx, catalog: Catalog, p: Loaded, input: SignoffInput): Promise<void> {
  for (const check of governancePolicy(p)?.checks ?? []) {
    if (phaseOf(catalog, check.id) !== 'decision') continue
    await insertCheckResult(tx, { promotionId: p.id, model: p.model.name, tier: 'governance', checkId: check.id, severity: check.severity, outcome: decideSignoff(catalog, check, input) })
  }
}

/** The risk frozen when the tier started (medium and no approver before that). */
function frozenRisk(p: Loaded): { risk: RiskAssessment; required: RequiredApproval[] } {
  return p.frozenRisk ?? { risk: { score: 0, level: 'medium', factors: [] }, required: [] }
}

function signoffInput(p: Loaded): SignoffInput {
  const { risk, required } = frozenRisk(p)
  return { profile: { userFacing: p.model.userFacing, handlesPii: p.model.handlesPii, financialImpact: p.model.financialImpact }, risk, required, approvals: signed(p), checkStatuses: {}, declaresDataHandling: null }
}

/** The required sign-offs no one gave in time, as "role" or "role (principal)". */
function missingSignoffs(p: Loaded): string[] {
  const { required } = frozenRisk(p)
  // Who may fill a role was checked when the approval was accepted; a recorded approval fills it.
  const approved = new Set(p.approvals.filter((a) => a.decision === 'approve').map((a) => a.role))
  return required
    .filter((r) => !approved.has(r.role))
    .map((r) => (r.principal ? `${r.role} (${r.principal})` : r.role))
}

export function createGovernanceService(deps: { db: Database; catalog: Catalog; approvalTtlSeconds: number; clock?: Clock }) {
  const { prisma } = deps.db
  const { catalog } = deps
  const clock = deps.clock ?? systemClock

  async function expireInTx(tx: Tx, p: Loaded, actor: string): Promise<boolean> {
    const rule = { event: 'deadline_passed' as const, actor, now: clock.now(), data: { deadline: p.deadline?.toISOString() ?? null, approvals: signed(p) } }
    // Sign-offs first, then the move that closes the tier: both or neither commit.
    if ((await promotionStatus(tx, p.id)) !== 'awaiting_approval') return false
    await recordSignoffs(tx, catalog, p, signoffInput(p))
    const missing = missingSignoffs(p)
    const failureSummary = `${p.model.name} ${p.modelVersion.version} -> ${p.targetEnvironment} expired at ${p.deadline?.toISOString() ?? 'its deadline'} without ${missing.length > 0 ? `the sign-off of ${missing.join(', ')}` : 'a decision'}`
    return transitionPromotion(tx, promotionRef(p), { ...rule, data: { ...rule.data, missingSignoffs: missing, failureSummary }, set: { failureSummary }, failedChecks: ['human_review'] })
  }

  return {
    /**
     * Starts the governance tier inside the tier runner's transaction: freezes the risk and
     * its approver set, decides the tier-start sign-offs (compliance), and waits for
     * approvals (or blocks). Returns the deadline to schedule, or null when the promotion did
     * not move to waiting.
     */
    async start(tx: Tx, promotionId: string): Promise<Date | null> {
      const p = await loadForGovernance(tx, promotionId)
      if (p.status !== 'running') return null
      const tier = governancePolicy(p)
      const [everPromoted, blockedBefore, results, card] = await Promise.all([
        countPromotions(tx, { modelId: p.modelId, targetEnvironment: p.targetEnvironment, status: 'promoted' }),
        countPromotions(tx, { modelId: p.modelId, targetEnvironment: p.targetEnvironment, status: 'blocked', since: riskWindowStart(p.policy) }),
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
      const riskColumns = { riskLevel: risk.level, riskScore: risk.score, riskFactors: risk.factors }
      if (failures.length > 0) {
        await blockPromotion(tx, promotionRef(p), 'governance', failures, 'check_failed', riskColumns)
        return null
      }

      const deadline = new Date(clock.now().getTime() + deps.approvalTtlSeconds * 1000)
      const moved = await transitionPromotion(tx, promotionRef(p), {
        event: 'tiers_passed_needs_approval',
        actor: 'modelgate',
        set: { ...riskColumns, requiredApprovals: required, deadline },
        data: { risk, riskLevel: risk.level, riskScore: risk.score, requiredApprovals: required, deadline: deadline.toISOString() },
      })
      return moved ? deadline : null
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
        if (p.deadline && p.deadline.getTime() <= clock.now().getTime()) {
          await expireInTx(tx, p, 'modelgate')
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
        const decided = signoffInput(after)
        if (input.decision === 'reject') {
          await recordSignoffs(tx, catalog, after, decided)
          await transitionPromotion(tx, promotionRef(after), {
            event: 'rejected',
            actor: principal.name,
            now: clock.now(),
            set: { failureSummary: `Rejected by ${principal.name} (${input.role})${input.comment ? `: ${input.comment}` : ''}` },
            failedChecks: ['human_review'],
            data: { rejectedBy: principal.name, role: input.role, comment: input.comment ?? null },
          })
          return { approval: record }
        }
        // Every approver the risk calls for must sign, whichever sign-offs the policy records.
        const allSigned = Object.values(signoffOutcomes(risk, required, decided.approvals)).every((o) => o.status === 'passed')
        if (allSigned) {
          await recordSignoffs(tx, catalog, after, decided)
          await passTier(tx, promotionRef(after), 'governance')
          const promoted = await promoteVersion(tx, promotionRef(after), principal.name, 'approved')
          if (promoted === 'moved') {
            await blockPromotion(tx, promotionRef(after), 'governance', [internalFailure('governance', `version ${p.modelVersion.version} is no longer in ${p.sourceEnvironment}`, 'medium')], 'source_moved')
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
        if (!p.deadline || p.deadline.getTime() > clock.now().getTime()) return false
        return expireInTx(tx, p, actor)
      })
    },

    /** Expires every promotion whose deadline passed by the clock: Postgres is the source of truth. */
    async expireOverdue(limit = 200): Promise<number> {
      let n = 0
      for (const id of await overdueApprovals(deps.db, clock.now(), limit)) if (await this.expire(id)) n++
      return n
    },
  }
}

export type GovernanceService = ReturnType<typeof createGovernanceService>
