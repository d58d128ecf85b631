// Runs the audit integrator on a BullMQ job scheduler: every worker process upserts the same
// scheduler, so there is one repeating job however many workers run, and the integrator's
// advisory lock keeps even an overlapping run from writing twice.
import { Queue, Worker } from 'bullmq'
import type { Redis } from 'ioredis'
import type { AuditIntegrator } from '../audit/integrator.js'
import type { Logger } from '../logger.js'
import { AUDIT_SCHEDULER_ID, QUEUE_NAMES, type QueuePayloads } from './registry.js'

type Payload = QueuePayloads['audit']['integrate']

export function createAuditQueue(deps: { connection: Redis; prefix: string }) {
  return new Queue<Payload, void, string>(QUEUE_NAMES.audit, { connection: deps.connection, prefix: deps.prefix })
}

export async function scheduleAuditIntegration(queue: ReturnType<typeof createAuditQueue>, everyMs: number): Promise<void> {
  await queue.upsertJobScheduler(AUDIT_SCHEDULER_ID, { every: everyMs }, { name: 'integrate', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } })
}

export function createAuditIntegratorWorker(deps: { connection: Redis; prefix: string; integrator: AuditIntegrator; logger: Logger }) {
  const worker = new Worker<Payload, void, 'integrate'>(QUEUE_NAMES.audit, async () => {
    await deps.integrator.integrate()
  }, { connection: deps.connection, prefix: deps.prefix, concurrency: 1 })
  worker.on('error', (err) => deps.logger.error({ err }, 'audit integrator worker error'))
  return worker
}
