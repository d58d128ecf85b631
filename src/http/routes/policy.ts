import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { PolicyDocument } from '../../core/policy-schema.js'
import type { Policy } from '../../domain/policy.js'
import { ANY_ROLE } from '../../domain/roles.js'
import type { ChangeService } from '../../services/change-service.js'
import type { PolicyService } from '../../services/policy-service.js'
import { ChangeOut, TWO_ADMIN_NOTE } from './change-schemas.js'
import { problems } from '../common-schemas.js'

export const PolicyDoc = PolicyDocument
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
