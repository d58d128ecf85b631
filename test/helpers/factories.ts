// Promotions put straight into a given state, for tests of what happens from that state on
// (approval rules, rejections, races): the rows a real journey would have left, written
// directly, so those tests need no dev → staging → prod walk. Journeys stay where the
// journey itself is under test.
import { assessRisk, requiredApprovals } from '../../src/domain/risk.js'
import { toJsonColumn } from '../../src/store/json.js'
import type { Harness } from './harness.js'
import { evidencePolicy } from './policies.js'

/**
 * A prod promotion of a registered model's version, awaiting its approvals. `now`: when the
 * governance tier started, as the harness's clock has it (its deadline runs from then).
 */
export async function awaitingApproval(h: Harness, opts: { model: string; version: string; requestedBy?: string; now?: Date }) {
  const { prisma } = h.db
  const model = await prisma.model.findUniqueOrThrow({ where: { name: opts.model } })
  // As when the governance tier starts: no version of the model was in prod before.
  const risk = assessRisk({ userFacing: model.userFacing, handlesPii: model.handlesPii, financialImpact: model.financialImpact, firstDeployment: true, failedGates: 0 })
  const required = requiredApprovals(risk.level, model.owner)
  const version = await prisma.modelVersion.create({ data: { modelId: model.id, version: opts.version, environment: 'staging', promotedAt: new Date() } })
  const policy = evidencePolicy()
  const now = opts.now ?? new Date()
  const promotion = await prisma.promotion.create({
    data: {
      modelId: model.id,
      versionId: version.id,
      sourceEnvironment: 'staging',
      targetEnvironment: 'prod',
      status: 'awaiting_approval',
      requestedBy: opts.requestedBy ?? 'ci',
      activeKey: `${version.id}/prod`,
      policyVersion: policy.version,
      policy: toJsonColumn(policy),
      currentTier: 'governance',
      riskLevel: risk.level,
      riskScore: risk.score,
      riskFactors: toJsonColumn(risk.factors),
      requiredApprovals: toJsonColumn(required),
      deadline: new Date(now.getTime() + h.config.approvalTtlSeconds * 1000),
      gateRuns: {
        create: [
          { tier: 'automated', position: 0, status: 'passed', startedAt: now, finishedAt: now },
          { tier: 'security', position: 1, status: 'passed', startedAt: now, finishedAt: now },
          { tier: 'governance', position: 2, status: 'running', startedAt: now },
        ],
      },
    },
  })
  return { id: promotion.id, riskLevel: risk.level, requiredApprovals: required }
}
