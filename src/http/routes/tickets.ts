import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import type { TicketService } from '../../services/ticket-service.js'
import { Any, Cursor, IdParams, Limit, Name, NullableTimestamp, problems, Timestamp } from '../common-schemas.js'

const TicketOut = Type.Object({
  id: Type.String(),
  promotionId: Type.String(),
  model: Type.String(),
  version: Type.String(),
  targetEnvironment: Type.String(),
  severity: Type.String(),
  status: Type.String({ description: 'open or resolved' }),
  title: Type.String(),
  summary: Type.String(),
  failedChecks: Type.Array(Any),
  createdAt: Timestamp,
  resolvedAt: NullableTimestamp,
  resolvedBy: Type.Union([Type.String({ description: 'a principal, or modelgate when a later promotion of the model to the environment resolved it' }), Type.Null()]),
  resolution: Type.Union([Type.String(), Type.Null()]),
})

export const ticketRoutes: FastifyPluginAsyncTypebox<{ tickets: TicketService }> = async (app, { tickets }) => {
  app.post('/v1/remediation-tickets/:id/resolve', {
    config: { roles: ['admin', 'ml_lead', 'model_owner'] },
    schema: {
      tags: ['remediation'],
      operationId: 'resolveRemediationTicket', summary: 'Resolve an open ticket by hand, with a reason',
      description: 'By an admin, an ml_lead or the model\'s owner (403 for another team\'s owner). Tickets also resolve themselves when a later promotion of the model to the same environment is promoted. 409 when already resolved.',
      params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 200: TicketOut, ...problems(400, 404, 409) },
    },
  }, async (request) => tickets.resolve(request.principal, request.params.id, request.body.reason))

  app.get('/v1/remediation-tickets', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['remediation'],
      operationId: 'listRemediationTickets', summary: 'Remediation tickets opened for blocked promotions, newest first',
      querystring: Type.Object({
        model: Type.Optional(Name),
        promotionId: Type.Optional(Type.String({ maxLength: 64 })),
        status: Type.Optional(Type.String({ maxLength: 32 })),
        limit: Type.Optional(Limit),
        cursor: Type.Optional(Cursor),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(TicketOut),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...problems(400, 422),
      },
    },
  }, async (request) => tickets.list({ ...request.query, limit: request.query.limit ?? 20 }))
}
