import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import type { DatasetService } from '../../services/dataset-service.js'
import { DatasetRecords } from '../../domain/dataset-records.js'
import { ANY_ROLE } from '../../domain/roles.js'
import { Cursor, Limit, Name, problems, Timestamp } from '../common-schemas.js'

const DatasetOut = Type.Object({ name: Type.String(), kind: Type.String(), digest: Type.String(), size: Type.Integer(), models: Type.Array(Type.String()) })

export const datasetRoutes: FastifyPluginAsyncTypebox<{ datasets: DatasetService }> = async (app, { datasets }) => {
  app.get('/v1/datasets', {
    config: { roles: ANY_ROLE },
    schema: {
      tags: ['datasets'],
      operationId: 'listDatasets', summary: 'Datasets, newest first: metadata only, never the records',
      querystring: Type.Object({ limit: Type.Optional(Limit), cursor: Type.Optional(Cursor) }, { additionalProperties: false }),
      response: {
        200: Type.Object({ items: Type.Array(Type.Object({ ...DatasetOut.properties, registeredBy: Type.String(), createdAt: Timestamp })), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
        ...problems(400),
      },
    },
  }, async (request) => datasets.list(request.query.limit ?? 20, request.query.cursor))

  app.post('/v1/datasets', {
    config: { roles: ['admin', 'model_owner', 'ml_lead'] },
    schema: {
      tags: ['datasets'],
      operationId: 'registerDataset', summary: 'Register an immutable evaluation dataset, pinned to the models it may evaluate',
      description: 'By a model owner, an ml_lead or an admin (CI cannot choose what its model is judged on). Each model in `models` must be registered, and the caller must own it or be an ml_lead or admin (403). The name belongs to whoever registered it: the identical body again from the same principal is 200 with the dataset; anything else under that name is 409. Measured checks fail on a dataset below the policy\'s minimums (distinct inputs: 100 records, 20 per label, 10 per group; 50 question-answer records, by default).',
      body: Type.Object({
        name: Name,
        records: DatasetRecords,
        models: Type.Array(Name, { minItems: 1, maxItems: 100, description: 'the models that may be evaluated on this dataset' }),
      }, { additionalProperties: false }),
      response: {
        200: DatasetOut,
        201: DatasetOut,
        ...problems(400, 409, 413, 422),
      },
    },
  }, async (request, reply) => {
    const { dataset, created } = await datasets.create(request.principal, request.body)
    return reply.code(created ? 201 : 200).send(dataset)
  })
}
