import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { WEBHOOK_EVENTS } from '../../notify/events.js'
import type { WebhookService } from '../../services/webhook-service.js'
import { Any, IdParams, problems, Timestamp } from '../common-schemas.js'

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer>>(t: T) => Type.Union([t, Type.Null()])

export const webhookRoutes: FastifyPluginAsyncTypebox<{ webhooks: WebhookService }> = async (app, { webhooks }) => {
  app.post('/v1/webhooks', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['webhooks'],
      operationId: 'createWebhook',
      summary: 'Subscribe a URL to promotion events (signed with HMAC-SHA256)',
      description: 'Each delivery carries modelgate-timestamp and modelgate-signature: v1=hex(HMAC-SHA256(secret, "<timestamp>.<body>")). Receivers should refuse old timestamps to stop replays.',
      body: Type.Object({
        url: Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://' }),
        events: Type.Array(Type.Enum([...WEBHOOK_EVENTS]), { minItems: 1, maxItems: WEBHOOK_EVENTS.length }),
        secret: Type.String({ minLength: 16, maxLength: 256 }),
      }, { additionalProperties: false }),
      response: {
        201: Type.Object({ id: Type.String(), url: Type.String(), events: Type.Array(Type.String()), active: Type.Boolean(), createdAt: Timestamp }),
        ...problems(400, 422),
      },
    },
  }, async (request, reply) => reply.code(201).send(await webhooks.create(request.principal, request.body)))

  const WebhookOut = Type.Object({ id: Type.String(), url: Type.String(), events: Type.Array(Type.String()), active: Type.Boolean(), createdAt: Timestamp })

  app.get('/v1/webhooks', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['webhooks'],
      operationId: 'listWebhooks',
      summary: 'Every webhook, oldest first (never its secret)',
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...WebhookOut.properties, createdBy: Type.String() })) }), ...problems() },
    },
  }, async () => webhooks.list())

  app.patch('/v1/webhooks/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['webhooks'],
      operationId: 'updateWebhook',
      summary: 'Enable or disable a webhook (a disabled one gets no new deliveries; its pending ones are dropped)',
      params: IdParams,
      body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
      response: { 200: WebhookOut, ...problems(400, 404) },
    },
  }, async (request) => webhooks.setEnabled(request.principal, request.params.id, request.body.enabled))

  app.delete('/v1/webhooks/:id', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['webhooks'],
      operationId: 'deleteWebhook',
      summary: 'Delete a webhook with its secret and delivery history (the audit log keeps the deletion)',
      params: IdParams,
      response: { 204: Type.Null(), ...problems(404) },
    },
  }, async (request, reply) => {
    await webhooks.remove(request.principal, request.params.id)
    return reply.code(204).send(null)
  })

  app.get('/v1/webhooks/:id/deliveries', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['webhooks'],
      operationId: 'listWebhookDeliveries',
      summary: 'Deliveries of a webhook, newest first, with every attempt and response',
      params: IdParams,
      querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          items: Type.Array(Type.Object({
            id: Type.String(),
            event: Type.String(),
            status: Type.String({ description: 'pending, retrying, delivered or failed' }),
            attempts: Type.Integer(),
            lastStatusCode: Nullable(Type.Integer()),
            lastError: Nullable(Type.String()),
            createdAt: Timestamp,
            deliveredAt: Type.Union([Timestamp, Type.Null()]),
            payload: Any,
            attemptLog: Type.Array(Type.Object({ attempt: Type.Integer(), at: Timestamp, statusCode: Nullable(Type.Integer()), error: Nullable(Type.String()), responseBody: Nullable(Type.String()), durationMs: Type.Integer() })),
          })),
        }),
        ...problems(404),
      },
    },
  }, async (request) => webhooks.deliveries(request.params.id, request.query.limit ?? 50))

  app.post('/v1/webhooks/:id/test', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['webhooks'],
      operationId: 'sendWebhookTest',
      summary: 'Queue a signed test event to this webhook',
      params: IdParams,
      response: { 202: Type.Object({ deliveryId: Type.String(), status: Type.String() }), ...problems(404) },
    },
  }, async (request, reply) => reply.code(202).send(await webhooks.sendTest(request.principal, request.params.id)))
}
