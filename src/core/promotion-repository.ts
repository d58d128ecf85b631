// Promotions as typed records: statuses, environments and tiers narrowed, JSON columns
// (policy, endpoint, evaluation, output filter, artifact) checked against their schemas once,
// here, so no caller casts a column.
import { Type, type Static, type TSchema } from 'typebox'
import { Value } from 'typebox/value'
import { isEnvironment, type Environment } from '../domain/environments.js'
import { TIERS, type Policy, type Tier } from '../domain/policy.js'
import { PROMOTION_STATUSES, type PromotionStatus } from '../domain/promotion-state.js'
import type { EndpointDeclaration } from '../evaluation/protocols/registry.js'
import type { Database, Tx } from '../store/database.js'
import { APPROVER_ROLES, type RequiredApproval, type RiskAssessment } from '../domain/risk.js'
import { parsePolicy } from './policy-schema.js'

const Declaration = Type.Object({ protocol: Type.String(), url: Type.String(), model: Type.Optional(Type.String()) })
const Evaluation = Type.Object({ dataset: Type.String() })
const Artifact = Type.Object({ uri: Type.String(), digest: Type.String() })

export interface PromotionRecord {
  id: string
  status: PromotionStatus
  model: { id: string; name: string; kind: 'classifier' | 'llm'; owner: string; userFacing: boolean; handlesPii: boolean; financialImpact: boolean }
  modelId: string
  modelVersion: { version: string }
  versionId: string
  sourceEnvironment: Environment | null
  targetEnvironment: Environment
  requestedBy: string
  policy: Policy
  endpoint: EndpointDeclaration | null
  evaluation: { dataset: string } | null
  outputFilter: EndpointDeclaration | null
  artifact: { uri: string; digest: string } | null
  /** The version's file set frozen when the promotion was created ({filename, sha256}[]), or null. */
  artifactFiles: unknown
  currentTier: Tier | null
}

function column<S extends TSchema>(schema: S, value: unknown, name: string): Static<S> | null {
  if (value === null || value === undefined) return null
  if (!Value.Check(schema, value)) throw new Error(`promotion column ${name} does not match its schema`)
  return value
}

function narrow<T extends string>(values: readonly T[], value: string, name: string): T {
  const found = values.find((v) => v === value)
  if (found === undefined) throw new Error(`promotion ${name} "${value}" is not one of ${values.join(', ')}`)
  return found
}

function environment(value: string, name: string): Environment {
  if (!isEnvironment(value)) throw new Error(`promotion ${name} "${value}" is not an environment`)
  return value
}

type Db = Database | Tx
const client = (db: Db): Tx => ('prisma' in db ? db.prisma : db)

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>
const loadRow = (db: Db, id: string) => client(db).promotion.findUnique({ where: { id }, include: { model: true, modelVersion: { select: { version: true } } } })

function toRecord(row: Row): PromotionRecord {
  return {
    id: row.id,
    status: narrow(PROMOTION_STATUSES, row.status, 'status'),
    model: { ...row.model, kind: narrow(['classifier', 'llm'] as const, row.model.kind, 'model kind') },
    modelId: row.modelId,
    modelVersion: row.modelVersion,
    versionId: row.versionId,
    sourceEnvironment: row.sourceEnvironment === null ? null : environment(row.sourceEnvironment, 'source environment'),
    targetEnvironment: environment(row.targetEnvironment, 'target environment'),
    requestedBy: row.requestedBy,
    policy: parsePolicy(row.policy),
    endpoint: column(Declaration, row.endpoint, 'endpoint'),
    evaluation: column(Evaluation, row.evaluation, 'evaluation'),
    outputFilter: column(Declaration, row.outputFilter, 'output_filter'),
    artifact: column(Artifact, row.artifact, 'artifact'),
    artifactFiles: row.artifactFiles,
    currentTier: row.currentTier === null ? null : narrow(TIERS, row.currentTier, 'current tier'),
  }
}

/** The promotion with its model and version, or null when there is none with this id. */
export async function findPromotion(db: Db, id: string): Promise<PromotionRecord | null> {
  const row = await loadRow(db, id)
  return row ? toRecord(row) : null
}

const RiskFactor = Type.Object({
  factor: Type.Union([Type.Literal('userFacing'), Type.Literal('handlesPii'), Type.Literal('financialImpact'), Type.Literal('firstDeployment'), Type.Literal('failedGates')]),
  value: Type.Union([Type.Boolean(), Type.Number()]),
  points: Type.Number(),
})
const RequiredApprovals = Type.Array(Type.Object({
  role: Type.Union(APPROVER_ROLES.map((r) => Type.Literal(r))),
  principal: Type.Optional(Type.String()),
  reason: Type.String(),
}))
const RISK_LEVELS = ['medium', 'high', 'critical'] as const

/** What governance reads: the record, its sign-offs so far, its evidence and results, and the risk frozen at the tier's start. */
export interface GovernanceRecord extends PromotionRecord {
  deadline: Date | null
  policyVersion: string
  approvals: Array<{ role: string; principalId: string; principalName: string; decision: string; createdAt: Date }>
  evidence: Array<{ kind: string; digest: string }>
  checkResults: Array<{ checkId: string; status: string; measured: unknown }>
  /** Null until the governance tier has started. */
  frozenRisk: { risk: RiskAssessment; required: RequiredApproval[] } | null
}

export async function findForGovernance(tx: Tx, id: string): Promise<GovernanceRecord | null> {
  const row = await tx.promotion.findUnique({
    where: { id },
    include: {
      model: true,
      modelVersion: { select: { version: true } },
      approvals: { orderBy: { createdAt: 'asc' } },
      evidence: { select: { kind: true, digest: true } },
      checkResults: { select: { checkId: true, status: true, measured: true } },
    },
  })
  if (!row) return null
  const frozen = row.riskLevel === null
    ? null
    : {
        risk: {
          score: row.riskScore ?? 0,
          level: narrow(RISK_LEVELS, row.riskLevel, 'risk level'),
          factors: column(Type.Array(RiskFactor), row.riskFactors, 'risk_factors') ?? [],
        },
        required: column(RequiredApprovals, row.requiredApprovals, 'required_approvals') ?? [],
      }
  return { ...toRecord(row), deadline: row.deadline, policyVersion: row.policyVersion, approvals: row.approvals, evidence: row.evidence, checkResults: row.checkResults, frozenRisk: frozen }
}

const LOCK_SQL = {
  update: 'SELECT status FROM promotions WHERE id = $1::uuid FOR UPDATE',
  share: 'SELECT status FROM promotions WHERE id = $1::uuid FOR SHARE',
} as const

async function lockedStatus(tx: Tx, id: string, mode: keyof typeof LOCK_SQL): Promise<{ status: PromotionStatus } | null> {
  const rows = await tx.$queryRawUnsafe<{ status: string }[]>(LOCK_SQL[mode], id)
  return rows[0] ? { status: narrow(PROMOTION_STATUSES, rows[0].status, 'status') } : null
}

/** Locks the promotion's row for the transaction (FOR UPDATE): moves of one promotion run one at a time. */
export const lockPromotion = (tx: Tx, id: string) => lockedStatus(tx, id, 'update')

/** A shared lock (FOR SHARE): recording a check waits for a move in progress, not for other recordings. */
export const shareLockPromotion = (tx: Tx, id: string) => lockedStatus(tx, id, 'share')

export async function promotionStatus(db: Db, id: string): Promise<PromotionStatus | null> {
  const row = await client(db).promotion.findUnique({ where: { id }, select: { status: true } })
  return row ? narrow(PROMOTION_STATUSES, row.status, 'status') : null
}

export async function promotionVersionId(tx: Tx, id: string): Promise<string> {
  const row = await tx.promotion.findUniqueOrThrow({ where: { id }, select: { versionId: true } })
  return row.versionId
}

export async function setCurrentTier(tx: Tx, id: string, tier: Tier): Promise<void> {
  await tx.promotion.update({ where: { id }, data: { currentTier: tier } })
}

/** Columns a state change may write beside the status. */
export interface PromotionColumns {
  currentTier?: string | null
  failureSummary?: string | null
  severity?: string | null
  riskLevel?: string
  riskScore?: number
  riskFactors?: object
  requiredApprovals?: object
  deadline?: Date
}

/**
 * The conditional update behind every transition: moves the promotion to `to` only while its
 * status is one of `from`, so a late or duplicated event changes nothing. A terminal move
 * frees the version's active slot and stamps the decision time.
 */
export async function moveIfIn(tx: Tx, id: string, from: readonly PromotionStatus[], to: PromotionStatus, set: PromotionColumns, terminalAt: Date | null): Promise<boolean> {
  const moved = await tx.promotion.updateMany({
    where: { id, status: { in: [...from] } },
    data: { ...set, status: to, ...(terminalAt ? { activeKey: null, decidedAt: terminalAt } : {}) },
  })
  return moved.count === 1
}

/** Promotions of a model to an environment with a status, optionally since a time (the risk history). */
export async function countPromotions(tx: Tx, q: { modelId: string; targetEnvironment: Environment; status: PromotionStatus; since?: Date }): Promise<number> {
  return tx.promotion.count({ where: { modelId: q.modelId, targetEnvironment: q.targetEnvironment, status: q.status, ...(q.since ? { createdAt: { gte: q.since } } : {}) } })
}

/** Promotions awaiting approval whose deadline passed by `now`. */
export async function overdueApprovals(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await client(db).promotion.findMany({ where: { status: 'awaiting_approval', deadline: { lte: now } }, select: { id: true }, take: limit })
  return rows.map((r) => r.id)
}

/** Queued or running promotions untouched since `cutoff`, oldest first: candidates to re-drive. */
export async function stalePromotions(db: Db, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await client(db).promotion.findMany({ where: { status: { in: ['queued', 'running'] }, updatedAt: { lte: cutoff } }, select: { id: true }, orderBy: { updatedAt: 'asc' }, take: limit })
  return rows.map((r) => r.id)
}

/** How many promotions are in each status (the metrics gauge). */
export async function promotionsByStatus(db: Database): Promise<Array<[string, number]>> {
  const { rows } = await db.pool.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM promotions GROUP BY status')
  return rows.map((r) => [r.status, r.n])
}
