import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { ANY_ROLE } from '../../domain/roles.js'
import type { ChangeService } from '../../services/change-service.js'
import type { ModelService } from '../../services/model-service.js'
import { ChangeOut, TWO_ADMIN_NOTE } from './change-schemas.js'
import { Cursor, Limit, Name, NullableTimestamp, problems, Timestamp } from '../common-schemas.js'

const RiskProfile = Type.Object(
  { userFacing: Type.Boolean(), handlesPii: Type.Boolean(), financialImpact: Type.Boolean() },
  { additionalProperties: false },
)
const ModelKind = Type.Union([Type.Literal('classifier'), Type.Literal('llm')])
export const OwnerName = Type.String({ pattern: '^((oidc|group):)?[A-Za-z0-9][A-Za-z0-9._@|+-]{0,191}$', description: 'a principal holding model_owner, or with an identity provider an IdP subject (oidc:<sub>) or group (group:<name>)' })
const ModelBody = Type.Object({ name: Name, kind: ModelKind, owner: OwnerName, riskProfile: RiskProfile }, { additionalProperties: false })
const ModelOut = Type.Object({ name: Type.String(), kind: ModelKind, owner: Type.String(), riskProfile: RiskProfile, createdBy: Type.String(), createdAt: Timestamp })
const Env = Type.Union([Type.String(), Type.Null()])

export const modelRoutes: FastifyPluginAsyncTypebox<{ models: ModelService; changes: ChangeService }> = async (app, { models, changes }) => {
  app.post('/v1/models', {
    config: { roles: ['admin', 'model_owner'] },
    schema: {
      tags: ['models'],
      operationId: 'registerModel', summary: 'Register a model with its owner and risk profile',
      description: 'The owner must name an existing principal holding model_owner (with an identity provider: an IdP subject `oidc:<sub>` or group `group:<name>`), else 422. The identical body again from the same principal is a safe retry: 200 with the model. Any other registration of an existing name: 409.',
      body: ModelBody,
      response: { 200: ModelOut, 201: ModelOut, ...problems(400, 409, 422) },
    },
  }, async (request, reply) => {
    const { model, created } = await models.create(request.principal.name, request.body)
    return reply.code(created ? 201 : 200).send(model)
  })

  app.get('/v1/models', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['models'],
      operationId: 'listModels', summary: 'Models, newest first, with the version each environment holds',
      querystring: Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ ...ModelOut.properties, environments: Type.Object({ dev: Env, staging: Env, prod: Env }) })), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
        ...problems(400),
      },
    },
  }, async (request) => models.list(request.query.limit ?? 20, request.query.cursor))

  app.patch('/v1/models/:name', {
    config: { roles: ['admin'] },
    schema: {
      tags: ['models'],
      operationId: 'updateModel', summary: 'Propose a new owner or risk profile for a model',
      description: `${TWO_ADMIN_NOTE} Promotions in flight keep the risk frozen when their governance tier started. 422 for an owner nobody can sign for.`,
      params: Type.Object({ name: Type.String({ maxLength: 128 }) }),
      body: Type.Object({ owner: Type.Optional(OwnerName), riskProfile: Type.Optional(RiskProfile) }, { additionalProperties: false, minProperties: 1 }),
      response: { 202: ChangeOut, ...problems(400, 404, 422) },
    },
  }, async (request, reply) => reply.code(202).send(await changes.proposeModelUpdate(request.principal, request.params.name, request.body)))

  app.get('/v1/models/:name', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['models'],
      operationId: 'getModel', summary: 'A model, its versions and the environment each is in',
      params: Type.Object({ name: Type.String({ maxLength: 128 }) }),
      response: {
        200: Type.Object({
          ...ModelOut.properties,
          versions: Type.Array(Type.Object({ version: Type.String(), environment: Env, promotedAt: NullableTimestamp, replacedAt: NullableTimestamp, replacedBy: Env, createdAt: Timestamp })),
          environments: Type.Object({ dev: Env, staging: Env, prod: Env }),
        }),
        ...problems(404),
      },
    },
  }, async (request) => models.get(request.params.name))
}
