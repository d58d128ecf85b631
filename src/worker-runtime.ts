// The worker side assembled: gate, deadline and webhook processors, the reconciler and the
// outbox relay, and their Redis connections. worker.ts runs it alone; main.ts runs it beside
// the API; tests start it directly.
import type { Config } from './config.js'
import { createCheckRegistry, type CheckRegistry } from './gates/registry.js'
import { createTierRunner } from './gates/tier-runner.js'
import type { Logger } from './logger.js'
import { createDeadlineQueue } from './queue/deadline-queue.js'
import { createDeadlineWorker } from './queue/deadline-worker.js'
import { createGateQueue } from './queue/gate-queue.js'
import { createGateWorker } from './queue/gate-worker.js'
import { createReconciler } from './queue/reconciler.js'
import { createProducerConnection, createWorkerConnection } from './queue/redis.js'
import { createOutboxRelay, createWebhookQueue, createWebhookWorker } from './queue/webhook-worker.js'
import { createGovernanceService } from './services/governance-service.js'
import { loadSecretBox } from './security/secret-key-file.js'
import type { Database } from './store/database.js'

export async function startWorkerRuntime(deps: { config: Config; db: Database; logger: Logger; checks?: CheckRegistry; reconcile?: boolean }) {
  const { config, db, logger } = deps
  const producer = createProducerConnection(config.redisUrl)
  const consumer = createWorkerConnection(config.redisUrl)
  for (const c of [producer, consumer]) c.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'))
  const prefix = config.queuePrefix
  const webhookOptions = { attempts: config.webhookAttempts, backoffMs: config.webhookBackoffMs, timeoutMs: config.webhookTimeoutMs, allowlist: config.endpointAllowlist, secrets: loadSecretBox(config) }

  const gateQueue = createGateQueue({ connection: producer, prefix })
  const deadlineQueue = createDeadlineQueue({ connection: producer, prefix })
  const webhookQueue = createWebhookQueue({ connection: producer, prefix, options: webhookOptions })
  const governance = createGovernanceService({ db, approvalTtlSeconds: config.approvalTtlSeconds })
  const evaluation = { concurrency: config.evalConcurrency, batchSize: config.evalBatchSize, http: { timeoutMs: config.evalTimeoutMs, retries: config.evalRetries, backoffMs: 200 }, allowlist: config.endpointAllowlist }
  const tierRunner = createTierRunner({ db, evaluation, checks: deps.checks ?? createCheckRegistry(), gateQueue, deadlineQueue, governance, logger })

  const workers = [
    createGateWorker({ connection: consumer, prefix, tierRunner, logger, concurrency: config.workerConcurrency }),
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
