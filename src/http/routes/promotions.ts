import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import type { PromotionService } from '../../services/promotion-service.js'
import { Cursor, EnvironmentSchema, IdParams, Limit, Name, problems } from '../common-schemas.js'
import type { Catalog } from '../../core/check-catalog.js'
import { promotionBody, PromotionSummary, StatusFilter } from './promotion-schemas.js'

const IdempotencyKey = Type.String({ minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' })

export const promotionRoutes: FastifyPluginAsyncTypebox<{ promotions: PromotionService; catalog: Catalog }> = async (app, { promotions, catalog }) => {
  app.post('/v1/promotions', {
    config: { roles: ['ci'] },
    schema: {
      tags: ['promotions'],
      operationId: 'createPromotion', summary: 'Request a promotion; its gates run asynchronously',
      description: 'Honours Idempotency-Key: a retry with the same key and body returns the same promotion; the same key with another body is 422.',
      headers: Type.Object({ 'idempotency-key': Type.Optional(IdempotencyKey) }),
      body: promotionBody(catalog),
      response: { 202: Type.Ref('Promotion'), ...problems(400, 409, 413, 422) },
    },
  }, async (request, reply) => {
    const { promotion, replayed } = await promotions.create(request.principal, request.body, request.headers['idempotency-key'])
    if (replayed) reply.header('idempotent-replayed', 'true')
    return reply.code(202).header('location', `/v1/promotions/${promotion.id}`).send(promotion)
  })

  app.post('/v1/promotions/:id/rerun', {
    config: { roles: ['ci', 'admin'] },
    schema: {
      tags: ['promotions'],
      operationId: 'rerunPromotion', summary: 'Re-run a blocked promotion: a new promotion with the same request and evidence, under the policy in force',
      description: 'By the promotion\'s requester (its CI key, within its scope) or an admin; 403 for anyone else. The new promotion (202) names the old one in `rerunOf`; the old one stays blocked, with its results, and still counts in the model\'s risk history; both are linked in the audit log (`promotion.created` on the new one, `promotion.rerun` on the old one). 409 when the promotion is not blocked, or while another promotion of that version and target is active.',
      params: IdParams,
      response: { 202: Type.Ref('Promotion'), ...problems(404, 409, 422) },
    },
  }, async (request, reply) => {
    const promotion = await promotions.rerun(request.principal, request.params.id)
    return reply.code(202).header('location', `/v1/promotions/${promotion.id}`).send(promotion)
  })

  app.get('/v1/promotions/:id', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['promotions'],
      operationId: 'getPromotion', summary: 'The full state of a promotion: gates, checks, risk, approvals',
      params: IdParams,
      response: { 200: Type.Ref('Promotion'), ...problems(404) },
    },
  }, async (request) => promotions.view(request.params.id, request.principal))

  app.get('/v1/promotions', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['promotions'],
      operationId: 'listPromotions', summary: 'List promotions, newest first',
      querystring: Type.Object({
        model: Type.Optional(Name),
        status: Type.Optional(StatusFilter),
        targetEnvironment: Type.Optional(EnvironmentSchema),
        limit: Type.Optional(Limit),
        cursor: Type.Optional(Cursor),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(PromotionSummary), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
        ...problems(400, 422),
      },
    },
  }, async (request) => promotions.list({ ...request.query, limit: request.query.limit ?? 20 }))

  app.get('/v1/promotions/:id/checks/:checkId/cases', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['promotions'],
      operationId: 'listCheckCases',
      summary: 'The failing cases a check recorded (input, output, verdict, detector), paged',
      params: Type.Object({ id: Type.String({ maxLength: 64 }), checkId: Type.String({ maxLength: 64 }) }),
      querystring: Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$' })), category: Type.Optional(Type.String({ minLength: 1, maxLength: 128, description: 'only the cases of this category' })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          checkId: Type.String(),
          status: Type.String(),
          category: Type.Union([Type.String(), Type.Null()]),
          total: Type.Integer({ description: 'stored cases matching the filter (a capped sample of the failures)' }),
          failures: Type.Union([Type.Integer(), Type.Null()], { description: 'every failing case the check counted (of the category, when filtered); null when the check does not count them' }),
          sampled: Type.Boolean({ description: 'true when fewer cases are stored than failed' }),
          items: Type.Array(Type.Object({ position: Type.Integer(), category: Type.String(), input: Type.String(), output: Type.String(), verdict: Type.String(), detector: Type.String(), details: Type.Unknown() })),
          nextCursor: Type.Union([Type.String(), Type.Null()]),
        }),
        ...problems(400, 404),
      },
    },
  }, async (request) => promotions.cases(request.params.id, request.params.checkId, request.query.limit ?? 20, request.query.cursor === undefined ? undefined : Number(request.query.cursor), request.query.category))

  app.post('/v1/promotions/:id/cancel', {
    config: { roles: ['ci', 'admin', 'model_owner'] },
    // The body is optional: an empty POST means "cancel, no reason given".
    preValidation: async (request) => {
      if (request.body === undefined || request.body === null) request.body = {}
    },
    schema: {
      tags: ['promotions'],
      operationId: 'cancelPromotion', summary: 'Cancel a promotion that has not ended',
      description: 'By its requester, the model\'s owner or an admin (403 for anyone else, e.g. another pipeline\'s CI key).',
      params: IdParams,
      body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false }),
      response: { 200: Type.Ref('Promotion'), ...problems(400, 404, 409) },
    },
  }, async (request) => promotions.cancel(request.principal, request.params.id, request.body.reason))
}
