// OpenAPI generated from the route schemas, and Swagger UI at /docs.
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

export const docsPlugin = fp(async function docs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'modelgate',
        version: '1.0.0',
        description: 'Decides whether an ML model version may be promoted dev → staging → prod: evidence and measurement gates, risk-scored approvals, and an append-only audit trail.',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from POST /v1/api-keys' } } },
      security: [{ apiKey: [] }],
      tags: [
        { name: 'promotions' }, { name: 'models' }, { name: 'datasets' }, { name: 'remediation' },
        { name: 'auth' }, { name: 'health' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}, { name: 'docs' })
