// The application as a fastify plugin: resources, services, error handling and routes.
// server.ts, main.ts and the tests all build it through buildApp().
import rateLimit from '@fastify/rate-limit'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from './config.js'
import type { Clock } from './domain/clock.js'
import type { Policy } from './domain/policy.js'
import { installErrorHandlers } from './http/error-handler.js'
import { installHostileInputGuards } from './http/hostile-input.js'
import { documentCommonProblems } from './http/documented-problems.js'
import { addStorableFormats } from './http/schema-formats.js'
import { authPlugin } from './http/auth.js'
import { ProblemSchema, sendProblem } from './http/problem.js'
import { changeRoutes } from './http/routes/changes.js'
import { apiKeyRoutes } from './http/routes/api-keys.js'
import { approvalRoutes } from './http/routes/approvals.js'
import { artifactRoutes } from './http/routes/artifacts.js'
import { attestationRoutes } from './http/routes/attestations.js'
import { auditRoutes } from './http/routes/audit.js'
import { policyRoutes } from './http/routes/policy.js'
import { provenanceRoutes } from './http/routes/provenance.js'
import { webhookRoutes } from './http/routes/webhooks.js'
import { datasetRoutes } from './http/routes/datasets.js'
import { healthRoutes } from './http/routes/health.js'
import { modelRoutes } from './http/routes/models.js'
import { PromotionView } from './http/routes/promotion-schemas.js'
import { promotionRoutes } from './http/routes/promotions.js'
import { ticketRoutes } from './http/routes/tickets.js'
import { databasePlugin } from './plugins/database.js'
import { docsPlugin } from './plugins/docs.js'
import { metricsPlugin } from './plugins/metrics.js'
import { queuePlugin } from './plugins/queue.js'
import { CATALOG, type Catalog } from './core/check-catalog.js'
import { latestWorkerHeartbeat } from './queue/worker-heartbeat.js'
import { createArtifactService } from './services/artifact-service.js'
import { createAttestationService } from './services/attestation-service.js'
import { createArtifactStorage } from './store/artifact-storage.js'
import { createChangeService } from './services/change-service.js'
import { createAuditService } from './services/audit-service.js'
import { createAuditLogKey } from './audit/log-key.js'
import { createAuthService } from './services/auth-service.js'
import { createKeyRevocations } from './identity/key-revocations.js'
import { loadSecretBox } from './security/secret-key-file.js'
import { limitAfterAuth, limitBeforeAuth } from './http/rate-limits.js'
import { createOidcVerifier } from './identity/oidc-verifier.js'
import { createGovernanceService } from './core/governance.js'
import { createPolicyService } from './services/policy-service.js'
import { createTrustedKeyService } from './services/trusted-key-service.js'
import { createVerdictService } from './services/verdict-service.js'
import { createWebhookService } from './services/webhook-service.js'
import { createDatasetService } from './services/dataset-service.js'
import { createModelService } from './services/model-service.js'
import { createPromotionService } from './services/promotion-service.js'
import { createTicketService } from './services/ticket-service.js'
import type { Database } from './store/database.js'

export interface AppOptions {
  config: Config
  /** A database owned by the caller (main.ts shares one pool between API and worker). */
  db?: Database
  policy?: () => Policy
  /** The checks this service knows (tests add their own). */
  catalog?: Catalog
  /** Re-seal stored webhook secrets under the current server secret at start (off only for tools that never serve, like the OpenAPI renderer). */
  resealSecrets?: boolean
  /** Where deadlines read the time (tests move it). */
  clock?: Clock
}

// Bodies are validated strictly: no type coercion and no silent removal of unknown fields,
// so a wrong type or a misspelt field is a 400 rather than a quietly different request.
// Query strings and params arrive as text, so there numbers are coerced.
function validatorCompiler() {
  const strict = new Ajv({ coerceTypes: false, removeAdditional: false, useDefaults: true, allErrors: false, strict: false })
  const lenient = new Ajv({ coerceTypes: 'array', removeAdditional: false, useDefaults: true, allErrors: false, strict: false })
  for (const ajv of [strict, lenient]) {
    addFormats.default(ajv)
    addStorableFormats(ajv)
  }
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) => (httpPart === 'body' ? strict : lenient).compile(schema)
}

export function serverOptions(config: Config, logger: FastifyServerOptions['logger'] = false): FastifyServerOptions {
  return {
    logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    requestIdHeader: 'x-request-id',
    ajv: undefined,
    routerOptions: { ignoreTrailingSlash: true },
    // Start-up compiles every route's schemas and checks the database and Redis; on a loaded
    // host that can pass fastify's 10 s default, and failing start-up for slowness helps no one.
    pluginTimeout: 60_000,
    // Requests the router cannot even read (a path that is not valid percent-encoded UTF-8,
    // a path segment longer than the router takes) are malformed input like any other: a 400
    // problem, not fastify's own JSON shape.
    frameworkErrors: (error, request, reply) => sendProblem(request, reply, 400, `the request path cannot be read: ${error.message}`),
  }
}

export const app = fp(async function modelgate(fastify: FastifyInstance, opts: AppOptions) {
  const { config } = opts
  const server = fastify.withTypeProvider<TypeBoxTypeProvider>()
  server.setValidatorCompiler(validatorCompiler())
  installErrorHandlers(server)
  installHostileInputGuards(server)
  documentCommonProblems(server)
  server.addSchema(ProblemSchema)
  server.addSchema(PromotionView)

  await server.register(databasePlugin, { url: config.databaseUrl, max: config.dbPoolMax, idleMs: config.dbPoolIdleMs, db: opts.db })
  await server.register(queuePlugin, { url: config.redisUrl, prefix: config.queuePrefix })
  await server.register(docsPlugin)
  await server.register(metricsPlugin)

  const db = server.db
  const secrets = loadSecretBox(config)
  const idp = config.oidc ? { verifier: createOidcVerifier(config.oidc), roleMap: config.oidc.roleMap } : null
  const revocations = await createKeyRevocations({
    url: config.redisUrl,
    prefix: config.queuePrefix,
    publisher: server.redis,
    onRevoked: (hashes) => auth.evict(hashes),
    onError: (err) => server.log.warn({ err: err.message }, 'API key revocation channel error'),
  })
  server.addHook('onClose', async () => revocations.close())
  const auth = createAuthService({ db, cacheTtlMs: config.apiKeyCacheTtlMs, hashing: secrets, idp, revocations })
  if (config.adminKey) await auth.bootstrapAdmin(config.adminKey)
  const catalog = opts.catalog ?? CATALOG
  const policies = createPolicyService({ db, catalog, allowlist: config.endpointAllowlist })
  const fixedPolicy = opts.policy
  const policy = fixedPolicy ? async () => fixedPolicy() : async () => (await policies.current()).policy
  const models = createModelService({ db, identityProvider: idp !== null })
  const trustedKeys = createTrustedKeyService({ db })
  const services = {
    policies,
    changes: createChangeService({ db, policies, models, trustedKeys, identityProvider: idp !== null }),
    governance: createGovernanceService({ db, catalog, approvalTtlSeconds: config.approvalTtlSeconds, clock: opts.clock }),
    attestations: createAttestationService({ db }),
    audit: createAuditService({ db, key: createAuditLogKey({ signingKeyPath: config.signingKeyPath, origin: config.auditOrigin }) }),
    webhooks: createWebhookService({ db, allowlist: config.endpointAllowlist, secrets }),
    trustedKeys,
    verdicts: createVerdictService({ db, signingKeyPath: config.signingKeyPath }),
    artifacts: createArtifactService({ db, storage: createArtifactStorage(config.artifactDir), maxBytes: config.artifactMaxBytes }),
    models,
    datasets: createDatasetService({ db }),
    promotions: createPromotionService({ db, gateQueue: server.gateQueue, policy, allowlist: config.endpointAllowlist, logger: server.log }),
    tickets: createTicketService({ db }),
  }

  const resealed = opts.resealSecrets === false ? 0 : await services.webhooks.sealStoredSecrets()
  if (resealed > 0) server.log.info({ webhooks: resealed }, 'webhook secrets sealed under the current server secret')

  await server.register(healthRoutes, { db, redis: server.redis, workerStatus: () => latestWorkerHeartbeat(server.redis, config.queuePrefix) })
  await server.register(async (api) => {
    const limits = { perMinute: config.rateLimitPerMinute, authFailuresPerMinute: config.authFailuresPerMinute }
    await api.register(rateLimit, { global: false })
    limitBeforeAuth(api, limits)
    await api.register(authPlugin, { auth })
    limitAfterAuth(api, limits)
    await api.register(apiKeyRoutes, { auth })
    await api.register(modelRoutes, { models: services.models, changes: services.changes })
    await api.register(datasetRoutes, { datasets: services.datasets })
    await api.register(promotionRoutes, { promotions: services.promotions, catalog })
    await api.register(ticketRoutes, { tickets: services.tickets })
    await api.register(approvalRoutes, { governance: services.governance, promotions: services.promotions })
    await api.register(attestationRoutes, { attestations: services.attestations })
    await api.register(auditRoutes, { audit: services.audit })
    await api.register(webhookRoutes, { webhooks: services.webhooks })
    await api.register(policyRoutes, { policies: services.policies, changes: services.changes })
    await api.register(changeRoutes, { changes: services.changes })
    await api.register(artifactRoutes, { artifacts: services.artifacts })
    await api.register(provenanceRoutes, { trustedKeys: services.trustedKeys, verdicts: services.verdicts, changes: services.changes })
  })
}, { name: 'modelgate' })

export async function buildApp(opts: AppOptions & { logger?: FastifyServerOptions['logger'] }): Promise<FastifyInstance> {
  const server = Fastify(serverOptions(opts.config, opts.logger ?? false))
  await server.register(app, opts)
  return server
}
