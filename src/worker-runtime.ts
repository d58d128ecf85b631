// The worker side assembled: gate, deadline and webhook processors, the reconciler and the
// outbox relay, and their Redis connections. worker.ts runs it alone; main.ts runs it beside
// the API; tests start it directly.
import type { Config } from './config.js'
import type { Clock } from './domain/clock.js'
import { CATALOG, type Catalog } from './core/check-catalog.js'
import { createTierRunner } from './core/tier-runner.js'
import type { Logger } from './logger.js'
import { createDeadlineQueue } from './queue/deadline-queue.js'
import { createDeadlineWorker } from './queue/deadline-worker.js'
import { createGateQueue } from './queue/gate-queue.js'
import { createGateWorker } from './queue/gate-worker.js'
import { createReconciler } from './queue/reconciler.js'
import { createProducerConnection, createWorkerConnection } from './queue/redis.js'
import { createOutboxRelay, createWebhookQueue, createWebhookWorker } from './queue/webhook-worker.js'
import { createGovernanceService } from './core/governance.js'
import type { Database } from './store/database.js'

export async function startWorkerRuntime(deps: { config: Config; db: Database; logger: Logger; catalog?: Catalog; clock?: Clock; reconcile?: boolean }) {
  const { config, db, logger } = deps
  const producer = createProducerConnection(config.redisUrl)
  const consumer = createWorkerConnection(config.redisUrl)
  for (const c of [producer, consumer]) c.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'))
  const prefix = config.queuePrefix
  const webhookOptions = { attempts: config.webhookAttempts, backoffMs: config.webhookBackoffMs, timeoutMs: config.webhookTimeoutMs, allowlist: config.endpointAllowlist }

  const gateQueue = createGateQueue({ connection: producer, prefix })
  const deadlineQueue = createDeadlineQueue({ connection: producer, prefix, clock: deps.clock })
  const webhookQueue = createWebhookQueue({ connection: producer, prefix, options: webhookOptions })
  const catalog = deps.catalog ?? CATALOG
  const governance = createGovernanceService({ db, catalog, approvalTtlSeconds: config.approvalTtlSeconds, clock: deps.clock })
  const evaluation = { concurrency: config.evalConcurrency, batchSize: config.evalBatchSize, http: { timeoutMs: config.evalTimeoutMs, retries: config.evalRetries, backoffMs: 200 } }
  const scheduling = { enqueueTier: gateQueue.enqueueTier, scheduleExpiry: deadlineQueue.scheduleExpiry }
  const tierRunner = createTierRunner({ db, evaluation, catalog, scheduling, governance, logger })

  const workers = [
    await createGateWorker({ connection: consumer, prefix, tierRunner, logger, concurrency: config.workerConcurrency }),
    createDeadlineWorker({ connection: consumer, prefix, governance, logger }),
    createWebhookWorker({ connection: consumer, prefix, db, logger, options: webhookOptions }),
  ]
  const reconciler = createReconciler({ db, gateQueue, tierRunner, governance, logger, staleAfterMs: config.reconcileStaleAfterMs })
  const relay = createOutboxRelay({ db, webhookQueue, logger })
  await Promise.all(workers.map((w) => w.waitUntilReady()))
  if (deps.reconcile !== false) reconciler.start(config.reconcileIntervalMs)
  relay.start(config.outboxIntervalMs)
  logger.info({ concurrency: config.workerConcurrency }, 'workers started')

  return {
    workers,
    gateQueue,
    deadlineQueue,
    tierRunner,
    reconciler,
    relay,
    governance,
    async close(): Promise<void> {
      await reconciler.stop()
      await relay.stop()
      // Lets active jobs finish; anything interrupted is picked up again as a stalled job.
      await Promise.all(workers.map((w) => w.close()))
      await Promise.all([gateQueue.close(), deadlineQueue.close(), webhookQueue.close()])
      producer.disconnect()
      consumer.disconnect()
    },
  }
}

export type WorkerRuntime = Awaited<ReturnType<typeof startWorkerRuntime>>
