// The worker side assembled: gate processor, reconciler, and their Redis connections.
// worker.ts runs it alone; main.ts runs it beside the API; tests start it directly.
import type { Config } from './config.js'
import { createCheckRegistry, type CheckRegistry } from './gates/registry.js'
import { createTierRunner } from './gates/tier-runner.js'
import type { Logger } from './logger.js'
import { createGateQueue } from './queue/gate-queue.js'
import { createGateWorker } from './queue/gate-worker.js'
import { createReconciler } from './queue/reconciler.js'
import { createProducerConnection, createWorkerConnection } from './queue/redis.js'
import type { Database } from './store/database.js'

export async function startWorkerRuntime(deps: { config: Config; db: Database; logger: Logger; checks?: CheckRegistry; reconcile?: boolean }) {
  const { config, db, logger } = deps
  const producer = createProducerConnection(config.redisUrl)
  const consumer = createWorkerConnection(config.redisUrl)
  for (const c of [producer, consumer]) c.on('error', (err) => logger.warn({ err: err.message }, 'redis connection error'))
  const gateQueue = createGateQueue({ connection: producer, prefix: config.queuePrefix })
  const tierRunner = createTierRunner({ db, checks: deps.checks ?? createCheckRegistry(), gateQueue, logger })
  const worker = createGateWorker({ connection: consumer, prefix: config.queuePrefix, tierRunner, logger, concurrency: config.workerConcurrency })
  const reconciler = createReconciler({ db, gateQueue, tierRunner, logger, staleAfterMs: config.reconcileStaleAfterMs })
  await worker.waitUntilReady()
  if (deps.reconcile !== false) reconciler.start(config.reconcileIntervalMs)
  logger.info({ concurrency: config.workerConcurrency }, 'gate worker started')

  return {
    worker,
    gateQueue,
    tierRunner,
    reconciler,
    async close(): Promise<void> {
      await reconciler.stop()
      // Lets active jobs finish; anything interrupted is picked up again as a stalled job.
      await worker.close()
      await gateQueue.close()
      producer.disconnect()
      consumer.disconnect()
    },
  }
}

export type WorkerRuntime = Awaited<ReturnType<typeof startWorkerRuntime>>
