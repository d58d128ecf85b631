import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { APPROVER_ROLES } from '../../domain/risk.js'
import type { GovernanceService } from '../../core/governance.js'
import type { PromotionService } from '../../services/promotion-service.js'
import { IdParams, problems } from '../common-schemas.js'
import { ApprovalView } from './promotion-schemas.js'

export const approvalRoutes: FastifyPluginAsyncTypebox<{ governance: GovernanceService; promotions: PromotionService }> = async (app, { governance, promotions }) => {
  app.post('/v1/promotions/:id/approvals', {
    config: { roles: APPROVER_ROLES },
    schema: {
      tags: ['approvals'],
      operationId: 'recordApproval',
      summary: 'Approve or reject a promotion in one of the roles its risk requires',
      description: 'The approver is the principal of the API key, never a body field. 403: role not held, the requester approving, one principal filling a second role, or a model_owner who is not the model\'s owner. 409: not awaiting approval (decided or expired), the role already signed, or reviewDigest is not the promotion\'s current one (what was reviewed has changed; review again). 422: the role is not required here.',
      params: IdParams,
      body: Type.Object({
        role: Type.Enum([...APPROVER_ROLES]),
        decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
        reviewDigest: Type.String({ pattern: '^sha256:[0-9a-f]{64}$', description: 'the promotion\'s reviewDigest as the approver saw it' }),
        comment: Type.Optional(Type.String({ maxLength: 4000 })),
      }, { additionalProperties: false }),
      response: {
        201: Type.Object({ approval: ApprovalView, promotion: Type.Ref('Promotion') }),
        ...problems(400, 404, 409, 422),
      },
    },
  }, async (request, reply) => {
    const approval = await governance.approve(request.principal, request.params.id, request.body)
    return reply.code(201).send({ approval, promotion: await promotions.view(request.params.id, request.principal) })
  })
}
