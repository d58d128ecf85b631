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
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
        description: 'Decides whether an ML model version may be promoted dev → staging → prod: evidence and measurement gates, risk-scored approvals, and an append-only audit trail.',
      },
      // Relative: "Try it out" then calls whichever host and port served the document.
      servers: [{ url: '/', description: 'the server that serves this document' }],
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from POST /v1/api-keys' } } },
      security: [{ apiKey: [] }],
      tags: [
        { name: 'promotions', description: 'Promotion requests from CI, their gates and their decisions' },
        { name: 'models', description: 'The model registry: owners, risk profiles, versions and environments' },
        { name: 'datasets', description: 'Immutable evaluation datasets, pinned to the models they may evaluate' },
        { name: 'artifacts', description: 'Model files, hashed and scanned as they are uploaded' },
        { name: 'provenance', description: 'Trusted keys, provenance verification and the service\'s signed verdicts' },
        { name: 'approvals', description: 'Risk-required approvals and red-team attestations' },
        { name: 'remediation', description: 'Tickets opened when a promotion is blocked' },
        { name: 'audit', description: 'The append-only audit trail: a Merkle tree with signed checkpoints, inclusion and consistency proofs' },
        { name: 'webhooks', description: 'Signed event deliveries to your systems' },
        { name: 'policy', description: 'The versioned promotion policy' },
        { name: 'changes', description: 'Changes to the policy, model owners and risk profiles, and trusted keys, in force once a second admin confirms them' },
        { name: 'auth', description: 'API keys and principals' },
        { name: 'health', description: 'Liveness, readiness and metrics (no key needed)' },
      ],
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}, { name: 'docs' })
