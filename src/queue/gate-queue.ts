// The producer side of the gates queue.
import { Queue } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Tier } from '../domain/policy.js'
import { announceCancellation } from './cancellations.js'
import { GATE_JOB_OPTIONS, gateJobId, QUEUE_NAMES, type QueuePayloads } from './registry.js'

type GatesPayload = QueuePayloads['gates']['run-tier']

export function createGateQueue(deps: { connection: Redis; prefix: string }) {
  const queue = new Queue<GatesPayload, void, 'run-tier'>(QUEUE_NAMES.gates, { connection: deps.connection, prefix: deps.prefix })
  return {
    queue,
    async enqueueTier(promotionId: string, tier: Tier): Promise<void> {
      await queue.add('run-tier', { promotionId, tier }, { ...GATE_JOB_OPTIONS, jobId: gateJobId(promotionId, tier) })
    },
    /** 'missing' when no job with that id exists (never queued, or completed and removed). */
    async jobState(promotionId: string, tier: Tier): Promise<string> {
      const job = await queue.getJob(gateJobId(promotionId, tier))
      if (!job) return 'missing'
      return job.getState()
    },
    /** Tells the workers to stop the promotion's running gate job, if any. */
    async announceCancellation(promotionId: string): Promise<void> {
      await announceCancellation(deps.connection, deps.prefix, promotionId)
    },
    async close(): Promise<void> {
      await queue.close()
    },
  }
}

export type GateQueue = ReturnType<typeof createGateQueue>
