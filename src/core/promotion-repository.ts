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

/** The promotion with its model and version, or null when there is none with this id. */
export async function findPromotion(db: Database | Tx, id: string): Promise<PromotionRecord | null> {
  const prisma = 'prisma' in db ? db.prisma : db
  const row = await prisma.promotion.findUnique({ where: { id }, include: { model: true, modelVersion: { select: { version: true } } } })
  if (!row) return null
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
