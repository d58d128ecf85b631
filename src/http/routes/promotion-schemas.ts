import { Type, type TSchema } from 'typebox'
import type { Catalog } from '../../core/check-catalog.js'
import { declarationSchema } from '../../evaluation/protocols/registry.js'
import { PROMOTION_STATUSES } from '../../domain/promotion-state.js'
import { Any, EnvironmentSchema, Name, NullableTimestamp, Timestamp, VersionString } from '../common-schemas.js'


/** Every evidence kind a catalog check reads, with the schema it is accepted in. */
function evidenceSchema(catalog: Catalog) {
  const kinds: Record<string, TSchema> = {}
  for (const c of catalog.checks) Object.assign(kinds, c.requires.evidence ?? {})
  return Type.Object(Object.fromEntries(Object.entries(kinds).map(([k, s]) => [k, Type.Optional(s)])), { additionalProperties: false })
}

export const promotionBody = (catalog: Catalog) => Type.Object(
  {
    model: Name,
    version: VersionString,
    targetEnvironment: EnvironmentSchema,
    endpoint: Type.Optional(declarationSchema('endpoint')),
    evaluation: Type.Optional(Type.Object({ dataset: Name }, { additionalProperties: false })),
    outputFilter: Type.Optional(declarationSchema('outputFilter')),
    artifact: Type.Optional(Type.Object({
      uri: Type.String({ minLength: 1, maxLength: 2048 }),
      digest: Type.String({ pattern: '^sha256:[0-9a-f]{64}$' }),
    }, { additionalProperties: false })),
    evidence: Type.Optional(evidenceSchema(catalog)),
  },
  { additionalProperties: false },
)

const Status = Type.Enum([...PROMOTION_STATUSES])
const NullableString = Type.Union([Type.String(), Type.Null()])

export const ApprovalView = Type.Object({
  id: Type.String(),
  role: Type.String(),
  principal: Type.String(),
  decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
  comment: NullableString,
  reviewDigest: Type.Union([Type.String(), Type.Null()], { description: 'the promotion\'s reviewDigest the approver signed' }),
  createdAt: Timestamp,
})

const CheckView = Type.Object({
  id: Type.String(),
  status: Type.String({ description: 'passed, failed, inconclusive (with details.allowedByPolicy when the policy let it through), not_applicable (with details.reason), pending, or not_run' }),
  passed: Type.Boolean(),
  measured: Any,
  threshold: Any,
  details: Any,
  summary: NullableString,
  remedy: NullableString,
  severity: Type.String(),
  recordedAt: NullableTimestamp,
})

export const PromotionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  model: Type.String(),
  version: Type.String(),
  sourceEnvironment: NullableString,
  targetEnvironment: Type.String(),
  status: Status,
  requestedBy: Type.String(),
  policyVersion: Type.String(),
  endpoint: Any,
  evaluation: Any,
  outputFilter: Any,
  artifact: Any,
  evidence: Type.Array(Type.Object({ kind: Type.String(), digest: Type.String(), size: Type.Integer() })),
  reviewDigest: Type.String({ description: 'sha256 over the canonical JSON of the artifact digest, every evidence digest, the recorded check results (id, status, measured; sign-offs excluded) and the policy version: an approval must send the one its approver reviewed' }),
  riskLevel: NullableString,
  riskScore: Type.Union([Type.Integer(), Type.Null()]),
  riskFactors: Any,
  requiredApprovals: Type.Array(Type.Object({
    role: Type.String(),
    principal: NullableString,
    reason: Type.String(),
    satisfied: Type.Boolean(),
    approvedBy: NullableString,
    approvedAt: NullableTimestamp,
  })),
  approvals: Type.Array(ApprovalView),
  gates: Type.Array(Type.Object({
    tier: Type.String(),
    status: Type.String({ description: 'pending, running, passed, failed, or not_run' }),
    startedAt: NullableTimestamp,
    finishedAt: NullableTimestamp,
    checks: Type.Array(CheckView),
  })),
  failureSummary: NullableString,
  severity: NullableString,
  deadline: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  decidedAt: NullableTimestamp,
  rerunOf: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'the blocked promotion this one re-runs (POST /v1/promotions/:id/rerun), or null' }),
  rerunBy: Type.Union([Type.String(), Type.Null()], { description: 'the principal who asked for the re-run, or null' }),
  reruns: Type.Array(Type.String({ format: 'uuid' }), { description: 'promotions that re-run this one, oldest first' }),
}, { $id: 'Promotion' })

export const PromotionSummary = Type.Object({
  id: Type.String(),
  model: Type.String(),
  version: Type.String(),
  sourceEnvironment: NullableString,
  targetEnvironment: Type.String(),
  status: Status,
  riskLevel: NullableString,
  severity: NullableString,
  requestedBy: Type.String(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  decidedAt: NullableTimestamp,
})

export const StatusFilter = Status
