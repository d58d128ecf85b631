// The consumer side of the gates queue.
import { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import type { TierRunner } from '../core/tier-runner.js'
import { listenForCancellations } from './cancellations.js'
import { QUEUE_NAMES, type QueuePayloads } from './registry.js'

type GatesPayload = QueuePayloads['gates']['run-tier']

export async function createGateWorker(deps: { connection: Redis; prefix: string; tierRunner: TierRunner; logger: Logger; concurrency: number }) {
  const { tierRunner, logger } = deps
  const worker = new Worker<GatesPayload, void, 'run-tier'>(
    QUEUE_NAMES.gates,
    // BullMQ aborts `signal` when the job is cancelled (below) or the worker closes.
    async (job, _token, signal) => {
      await tierRunner.run(job.data.promotionId, job.data.tier, signal)
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
  const stopListening = await listenForCancellations(deps.connection, deps.prefix, (jobId) => {
    if (worker.cancelJob(jobId, 'promotion cancelled')) logger.info({ jobId }, 'gate job cancelled')
  })
  worker.on('closing', () => void stopListening())
  return worker
}
