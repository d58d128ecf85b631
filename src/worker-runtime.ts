// The worker side assembled: gate, deadline and webhook processors, the reconciler and the
// outbox relay, and their Redis connections. worker.ts runs it alone; main.ts runs it beside
// the API; tests start it directly.
import { checkpointFileWriter } from './audit/checkpoint-file.js'
import { createAuditIntegrator } from './audit/integrator.js'
import { createAuditLogKey } from './audit/log-key.js'
import type { Config } from './config.js'
import type { Clock } from './domain/clock.js'
import { CATALOG, type Catalog } from './core/check-catalog.js'
import { createTierRunner } from './core/tier-runner.js'
import { postgresAnswerStore } from './evaluation/cache/postgres-store.js'
import type { Logger } from './logger.js'
import { createAuditIntegratorWorker, createAuditQueue, scheduleAuditIntegration } from './queue/audit-integrator-worker.js'
import { createDeadlineQueue } from './queue/deadline-queue.js'
import { createDeadlineWorker } from './queue/deadline-worker.js'
import { createGateQueue } from './queue/gate-queue.js'
import { createGateWorker } from './queue/gate-worker.js'
import { createReconciler } from './queue/reconciler.js'
import { createProducerConnection, createWorkerConnection } from './queue/redis.js'
import { startWorkerHeartbeat } from './queue/worker-heartbeat.js'
import { createOutboxRelay, createWebhookQueue, createWebhookWorker } from './queue/webhook-worker.js'
import { createGovernanceService } from './core/governance.js'
import { loadSecretBox } from './security/secret-key-file.js'
import type { Database } from './store/database.js'

export async function startWorkerRuntime(deps: { config: Config; db: Database; logger: Logger; catalog?: Catalog; clock?: Clock; reconcile?: boolean; heartbeatIntervalMs?: number }) {
  const { config, db, logger } = deps
  const producer = createProducerConnection(config.redisUrl)
  const consumer = createWorkerConnection(config.redisUrl)
  for (const c of [producer, consumer]) c.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'))
  const prefix = config.queuePrefix
  const webhookOptions = { attempts: config.webhookAttempts, backoffMs: config.webhookBackoffMs, timeoutMs: config.webhookTimeoutMs, allowlist: config.endpointAllowlist, secrets: loadSecretBox(config) }

  const gateQueue = createGateQueue({ connection: producer, prefix })
  const deadlineQueue = createDeadlineQueue({ connection: producer, prefix, clock: deps.clock })
  const webhookQueue = createWebhookQueue({ connection: producer, prefix, options: webhookOptions })
  const catalog = deps.catalog ?? CATALOG
  const governance = createGovernanceService({ db, catalog, approvalTtlSeconds: config.approvalTtlSeconds, clock: deps.clock })
  const evaluation = { concurrency: config.evalConcurrency, batchSize: config.evalBatchSize, http: { timeoutMs: config.evalTimeoutMs, retries: config.evalRetries, backoffMs: 200 }, allowlist: config.endpointAllowlist }
  const scheduling = { enqueueTier: gateQueue.enqueueTier, scheduleExpiry: deadlineQueue.scheduleExpiry }
  // Model answers are kept in Postgres for reuse by later runs of the same artifact (see src/evaluation/cache/).
  const tierRunner = createTierRunner({ db, evaluation, catalog, scheduling, governance, logger, answerStore: postgresAnswerStore(db) })

  const auditKey = createAuditLogKey({ signingKeyPath: config.signingKeyPath, origin: config.auditOrigin })
  const writeCheckpointFile = config.auditCheckpointFile ? checkpointFileWriter(config.auditCheckpointFile) : undefined
  const auditIntegrator = createAuditIntegrator({ db, key: auditKey, batchSize: config.auditBatchSize, logger, publish: writeCheckpointFile })
  const auditQueue = createAuditQueue({ connection: producer, prefix })

  const workers = [
    await createGateWorker({ connection: consumer, prefix, tierRunner, logger, concurrency: config.workerConcurrency }),
    createDeadlineWorker({ connection: consumer, prefix, governance, logger }),
    createWebhookWorker({ connection: consumer, prefix, db, logger, options: webhookOptions }),
    createAuditIntegratorWorker({ connection: consumer, prefix, integrator: auditIntegrator, logger }),
  ]
  const reconciler = createReconciler({ db, gateQueue, tierRunner, governance, logger, staleAfterMs: config.reconcileStaleAfterMs })
  const relay = createOutboxRelay({ db, webhookQueue, logger })
  await Promise.all(workers.map((w) => w.waitUntilReady()))
  if (deps.reconcile !== false) reconciler.start(config.reconcileIntervalMs)
  relay.start(config.outboxIntervalMs)
  const heartbeat = startWorkerHeartbeat({
    redis: producer,
    prefix,
    intervalMs: deps.heartbeatIntervalMs,
    onError: (err) => logger.debug({ err: err instanceof Error ? err.message : String(err) }, 'worker heartbeat not written'),
  })
  await scheduleAuditIntegration(auditQueue, config.auditIntegrateIntervalMs)
  logger.info({ concurrency: config.workerConcurrency }, 'workers started')

  return {
    workers,
    gateQueue,
    deadlineQueue,
    tierRunner,
    reconciler,
    relay,
    governance,
    auditIntegrator,
    async close(): Promise<void> {
      await heartbeat.stop()
      await reconciler.stop()
      await relay.stop()
      // Lets active jobs finish; anything interrupted is picked up again as a stalled job.
      await Promise.all(workers.map((w) => w.close()))
      await Promise.all([gateQueue.close(), deadlineQueue.close(), webhookQueue.close(), auditQueue.close()])
      producer.disconnect()
      consumer.disconnect()
    },
  }
}

export type WorkerRuntime = Awaited<ReturnType<typeof startWorkerRuntime>>
