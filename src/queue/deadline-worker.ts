// Fires the delayed expiry jobs. The governance service re-checks the deadline in Postgres,
// so an early or duplicated alarm changes nothing.
import { Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger.js'
import type { GovernanceService } from '../core/governance.js'
import { QUEUE_NAMES, type QueuePayloads } from './registry.js'

export function createDeadlineWorker(deps: { connection: Redis; prefix: string; governance: GovernanceService; logger: Logger }) {
  const worker = new Worker<QueuePayloads['deadlines']['expire'], void, 'expire'>(QUEUE_NAMES.deadlines, async (job) => {
    await deps.governance.expire(job.data.promotionId)
  }, { connection: deps.connection, prefix: deps.prefix, concurrency: 4 })
  worker.on('error', (err) => deps.logger.error({ err }, 'deadline worker error'))
  return worker
}
