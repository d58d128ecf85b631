import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import { MAX_OVERLAP_SECONDS, type AuthService } from '../../services/auth-service.js'
import { Cursor, IdParams, Limit, Name, NullableTimestamp, problems, RoleSchema, Timestamp } from '../common-schemas.js'

const ScopeSchema = Type.Object({ models: Type.Array(Name, { minItems: 1, maxItems: 100, uniqueItems: true }) }, { additionalProperties: false, description: 'the models this key may act on' })
const KeyMetadata = Type.Object({
  id: Type.String(),
  principal: Type.String(),
  roles: Type.Array(RoleSchema),
  scope: Type.Union([ScopeSchema, Type.Null()]),
  prefix: Type.Union([Type.String({ description: 'the key\'s public identifier (mg_ + 8 characters); null for the bootstrap admin key' }), Type.Null()]),
  createdAt: Timestamp,
  revokedAt: NullableTimestamp,
  expiresAt: Type.Union([Timestamp, Type.Null()], { description: 'set when the key was rotated: it stops working then' }),
})
const OWN_OR_ADMIN = 'An admin, or the principal the key belongs to (403 for anyone else).'

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post('/v1/api-keys', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['auth'],
      operationId: 'createApiKey', summary: 'Create an API key for a principal (shown once)',
      description: 'The name must be new (no key for a principal that already has keys or signs in through the identity provider) and not reserved. With an identity provider configured, approval roles (model_owner, ml_lead, security_lead, compliance_officer, cto, red_team) are refused: they come only from its tokens. `scope.models` limits the key to those models.',
      body: Type.Object({
        name: Name,
        roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 9, uniqueItems: true }),
        scope: Type.Optional(ScopeSchema),
      }, { additionalProperties: false }),
      response: {
        201: Type.Object({ id: Type.String(), name: Type.String(), roles: Type.Array(RoleSchema), scope: Type.Union([ScopeSchema, Type.Null()]), key: Type.String() }),
        ...problems(400, 409, 422),
      },
    },
  }, async (request, reply) => {
    const created = await auth.createKey(request.principal.name, request.body.name, request.body.roles, request.body.scope)
    return reply.code(201).send(created)
  })

  app.get('/v1/api-keys', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['auth'],
      operationId: 'listApiKeys', summary: 'Every API key\'s metadata, newest first (never a key or its hash)',
      querystring: Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false }),
      response: { 200: Type.Object({ items: Type.Array(KeyMetadata), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...problems(400) },
    },
  }, async (request) => auth.listKeys(request.query.limit ?? 20, request.query.cursor))

  app.post('/v1/api-keys/:id/revoke', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['auth'],
      operationId: 'revokeApiKey', summary: 'Revoke an API key: it stops working in every API process within seconds',
      description: `${OWN_OR_ADMIN} Revoking a revoked key is a no-op answering its metadata.`,
      params: IdParams,
      response: { 200: KeyMetadata, ...problems(404) },
    },
  }, async (request) => auth.revokeKey(request.principal, request.params.id))

  app.post('/v1/api-keys/:id/rotate', {
    config: { roles: ANY_ROLE },
    // The body is optional: an empty POST rotates with the default overlap.
    preValidation: async (request) => {
      if (request.body === undefined || request.body === null) request.body = {}
    },
    schema: {
      tags: ['auth'],
      operationId: 'rotateApiKey', summary: 'A new key for the same principal, roles and scope (shown once); the old one works until the overlap ends',
      description: `${OWN_OR_ADMIN} \`overlapSeconds\` (default 3600, at most ${MAX_OVERLAP_SECONDS}) is how long the old key keeps working. 409 for a revoked or expired key.`,
      params: IdParams,
      body: Type.Object({ overlapSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OVERLAP_SECONDS, default: 3600 })) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ previous: KeyMetadata, key: Type.Object({ ...KeyMetadata.properties, key: Type.String({ description: 'the new key, shown once' }) }) }),
        ...problems(400, 404, 409, 422),
      },
    },
  }, async (request, reply) => reply.code(201).send(await auth.rotateKey(request.principal, request.params.id, request.body.overlapSeconds ?? 3600)))
}
