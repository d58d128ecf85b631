// The consumer side of the gates queue.
import { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import type { TierRunner } from '../gates/tier-runner.js'
import { QUEUE_NAMES, type QueuePayloads } from './registry.js'

type GatesPayload = QueuePayloads['gates']['run-tier']

export function createGateWorker(deps: { connection: Redis; prefix: string; tierRunner: TierRunner; logger: Logger; concurrency: number }) {
  const { tierRunner, logger } = deps
  const worker = new Worker<GatesPayload, void, 'run-tier'>(
    QUEUE_NAMES.gates,
    async (job) => {
      await tierRunner.run(job.data.promotionId, job.data.tier)
    },
    { connection: deps.connection, prefix: deps.prefix, concurrency: deps.concurrency, autorun: true },
  )
  worker.on('failed', (job, err) => {
    if (!job) return
    const exhausted = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1)
    logger.warn({ err, jobId: job.id, attempt: job.attemptsMade, exhausted }, 'gate job failed')
    if (!exhausted) return
    tierRunner
      .failPromotion(job.data.promotionId, job.data.tier, `the gate job failed after ${job.attemptsMade} attempt(s): ${err.message}`)
      .catch((e) => logger.error({ err: e, jobId: job.id }, 'could not mark promotion failed; the reconciler will retry'))
  })
  worker.on('error', (err) => logger.error({ err }, 'gate worker error'))
  return worker
}
