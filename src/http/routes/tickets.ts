import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import type { TicketService } from '../../services/ticket-service.js'
import { Any, Cursor, Limit, Name, problems, Timestamp } from '../common-schemas.js'

export const ticketRoutes: FastifyPluginAsyncTypebox<{ tickets: TicketService }> = async (app, { tickets }) => {
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
          items: Type.Array(Type.Object({
            id: Type.String(),
            promotionId: Type.String(),
            model: Type.String(),
            version: Type.String(),
            targetEnvironment: Type.String(),
            severity: Type.String(),
            status: Type.String(),
            title: Type.String(),
            summary: Type.String(),
            failedChecks: Type.Array(Any),
            createdAt: Timestamp,
          })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...problems(400, 422),
      },
    },
  }, async (request) => tickets.list({ ...request.query, limit: request.query.limit ?? 20 }))
}
