import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { AuthService } from '../../services/auth-service.js'
import { Name, problems, RoleSchema } from '../common-schemas.js'

export const apiKeyRoutes: FastifyPluginAsyncTypebox<{ auth: AuthService }> = async (app, { auth }) => {
  app.post('/v1/api-keys', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['auth'],
      operationId: 'createApiKey', summary: 'Create an API key for a principal (shown once)',
      body: Type.Object({ name: Name, roles: Type.Array(RoleSchema, { minItems: 1, maxItems: 9, uniqueItems: true }) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ id: Type.String(), name: Type.String(), roles: Type.Array(RoleSchema), key: Type.String() }),
        ...problems(400, 409),
      },
    },
  }, async (request, reply) => {
    const created = await auth.createKey(request.principal.name, request.body.name, request.body.roles)
    return reply.code(201).send(created)
  })
}
