import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { DatasetService } from '../../services/dataset-service.js'
import { Name, problems } from '../common-schemas.js'

const Record = Type.Object(
  {
    input: Type.Unknown(),
    label: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    group: Type.Optional(Type.String({ maxLength: 256 })),
    expected: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false, required: ['input'] },
)

export const datasetRoutes: FastifyPluginAsyncTypebox<{ datasets: DatasetService }> = async (app, { datasets }) => {
  app.post('/v1/datasets', {
    config: { roles: ['admin', 'ci', 'model_owner'] },
    schema: {
      tags: ['datasets'],
      operationId: 'registerDataset', summary: 'Register an immutable evaluation dataset',
      body: Type.Object({ name: Name, records: Type.Array(Record, { minItems: 1, maxItems: 100_000 }) }, { additionalProperties: false }),
      response: {
        201: Type.Object({ name: Type.String(), kind: Type.String(), digest: Type.String(), size: Type.Integer() }),
        ...problems(400, 409, 413, 422),
      },
    },
  }, async (request, reply) => reply.code(201).send(await datasets.create(request.principal.name, request.body.name, request.body.records)))
}
