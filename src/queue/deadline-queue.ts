// Producer of delayed expiry jobs. Postgres holds the deadline; the job is only the alarm
// clock, and the sweep in the reconciler expires anything whose alarm was lost.
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import { systemClock, type Clock } from '../domain/clock.js'
import { EXPIRY_JOB_OPTIONS, expiryJobId, QUEUE_NAMES, type QueuePayloads } from './registry.js'

export function createDeadlineQueue(deps: { connection: Redis; prefix: string; clock?: Clock }) {
  const clock = deps.clock ?? systemClock
  const queue = new Queue<QueuePayloads['deadlines']['expire'], void, 'expire'>(QUEUE_NAMES.deadlines, { connection: deps.connection, prefix: deps.prefix })
  return {
    queue,
    async scheduleExpiry(promotionId: string, deadline: Date): Promise<void> {
      await queue.add('expire', { promotionId }, { ...EXPIRY_JOB_OPTIONS, jobId: expiryJobId(promotionId), delay: Math.max(0, deadline.getTime() - clock.now().getTime()) })
    },
    async close(): Promise<void> {
      await queue.close()
    },
  }
}

export type DeadlineQueue = ReturnType<typeof createDeadlineQueue>
