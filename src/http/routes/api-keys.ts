import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AuthService } from '../../services/auth-service.js'
import { Name, problems, RoleSchema } from '../common-schemas.js'

const ScopeSchema = Type.Object({ models: Type.Array(Name, { minItems: 1, maxItems: 100, uniqueItems: true }) }, { additionalProperties: false, description: 'the models this key may act on' })

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
}
