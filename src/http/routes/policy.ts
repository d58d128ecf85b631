import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { Policy } from '../../domain/policy.js'
import { ANY_ROLE } from '../../domain/roles.js'
import type { ChangeService } from '../../services/change-service.js'
import type { PolicyService } from '../../services/policy-service.js'
import { ChangeOut, TWO_ADMIN_NOTE } from './change-schemas.js'
import { problems } from '../common-schemas.js'

const CheckPolicy = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  params: Type.Record(Type.String(), Type.Unknown()),
  severity: Type.Union([Type.Literal('critical'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
}, { additionalProperties: false })
const TierPolicy = Type.Object({
  tier: Type.Union([Type.Literal('automated'), Type.Literal('security'), Type.Literal('governance')]),
  checks: Type.Array(CheckPolicy, { maxItems: 50 }),
}, { additionalProperties: false })
const EnvPolicy = Type.Object({ tiers: Type.Array(TierPolicy, { maxItems: 3 }) }, { additionalProperties: false })
const Count = Type.Integer({ minimum: 1, maximum: 100_000 })
const PolicySettings = Type.Object({
  riskWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'blocked promotions of the model to the target environment within this many days add to its risk (default 30)' })),
  datasetMinimums: Type.Optional(Type.Object({
    records: Type.Optional(Count), perLabel: Type.Optional(Count), perGroup: Type.Optional(Count), qaRecords: Type.Optional(Count),
  }, { additionalProperties: false, description: 'distinct inputs an evaluation dataset must hold (defaults 100 records, 20 per label, 10 per group, 50 question-answer records)' })),
}, { additionalProperties: false })
export const PolicyDoc = Type.Object({
  version: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
  environments: Type.Object({ dev: EnvPolicy, staging: EnvPolicy, prod: EnvPolicy }, { additionalProperties: false }),
  settings: Type.Optional(PolicySettings),
}, { additionalProperties: false })
const PolicyOut = Type.Object({ policy: PolicyDoc, source: Type.String(), createdAt: Type.Union([Type.String(), Type.Null()]), createdBy: Type.Union([Type.String(), Type.Null()]) })

export const policyRoutes: FastifyPluginAsyncTypebox<{ policies: PolicyService; changes: ChangeService }> = async (app, { policies, changes }) => {
  const present = (c: Awaited<ReturnType<PolicyService['current']>>) => ({ policy: c.policy, source: c.source, createdAt: c.createdAt, createdBy: c.createdBy })

  app.get('/v1/policy', {
    config: { roles: ANY_ROLE },
    schema: { tags: ['policy'], operationId: 'getPolicy', summary: 'The promotion policy in force (tiers, checks, thresholds per environment)', response: { 200: PolicyOut, ...problems() } },
  }, async () => present(await policies.current()))

  app.put('/v1/policy', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['policy'],
      operationId: 'putPolicy',
      summary: 'Propose a new policy version (in force once a second admin confirms; new promotions only, promotions in flight keep theirs)',
      description: `${TWO_ADMIN_NOTE} 422 when the policy names unknown or misplaced checks, or breaks the governance floor (prod runs the governance tier with the risk-derived sign-offs; security_scan fails on critical and high findings everywhere; red_team_report and data_provenance run for staging and prod).`,
      body: PolicyDoc,
      response: { 202: ChangeOut, ...problems(400, 409, 422) },
    },
  }, async (request, reply) => reply.code(202).send(await changes.proposePolicy(request.principal, request.body as Policy)))
}
