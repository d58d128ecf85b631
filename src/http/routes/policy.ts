import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { PolicyDocument as PolicyDoc } from '../../core/policy-document.js'
import type { Policy } from '../../domain/policy.js'
import { ANY_ROLE } from '../../domain/roles.js'
import type { PolicyService } from '../../services/policy-service.js'
import { problems } from '../common-schemas.js'

const PolicyOut = Type.Object({ policy: PolicyDoc, source: Type.String(), createdAt: Type.Union([Type.String(), Type.Null()]), createdBy: Type.Union([Type.String(), Type.Null()]) })

export const policyRoutes: FastifyPluginAsyncTypebox<{ policies: PolicyService }> = async (app, { policies }) => {
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
      summary: 'Put a new policy version in force (new promotions only; promotions in flight keep theirs)',
      body: PolicyDoc,
      response: { 200: PolicyOut, ...problems(400, 409, 422) },
    },
  }, async (request) => present(await policies.update(request.principal, request.body as Policy)))
}
