import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AuditService } from '../../services/audit-service.js'
import { Any, Limit, problems, SeqCursor, Timestamp } from '../common-schemas.js'

export const auditRoutes: FastifyPluginAsyncTypebox<{ audit: AuditService }> = async (app, { audit }) => {
  app.get('/v1/audit', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['audit'],
      operationId: 'listAuditEvents',
      summary: 'Audit events in chain order, with filters',
      querystring: Type.Object({
        promotionId: Type.Optional(Type.String({ maxLength: 64 })),
        model: Type.Optional(Type.String({ maxLength: 128 })),
        actor: Type.Optional(Type.String({ maxLength: 128 })),
        action: Type.Optional(Type.String({ maxLength: 64 })),
        from: Type.Optional(Type.String({ format: 'date-time' })),
        to: Type.Optional(Type.String({ format: 'date-time' })),
        limit: Type.Optional(Limit),
        cursor: Type.Optional(SeqCursor),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({ seq: Type.String(), at: Timestamp, actor: Type.String(), action: Type.String(), promotionId: Type.Union([Type.String(), Type.Null()]), model: Type.Union([Type.String(), Type.Null()]), data: Any, prevHash: Type.String(), hash: Type.String() })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...problems(400, 422),
      },
    },
  }, async (request) => audit.list({ ...request.query, limit: request.query.limit ?? 50, after: request.query.cursor }))

  app.get('/v1/audit/verify', {
    config: { roles: ['admin', 'viewer'] },
    schema: {
      tags: ['audit'],
      operationId: 'verifyAuditChain',
      summary: 'Recompute the hash chain; says where it breaks if any row was edited, deleted, inserted or reordered',
      response: {
        200: Type.Object({ valid: Type.Boolean(), events: Type.Integer(), brokenAt: Type.Optional(Type.String()), reason: Type.Optional(Type.String()) }),
        ...problems(),
      },
    },
  }, async () => audit.verify())
}
