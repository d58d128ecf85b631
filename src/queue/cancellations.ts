// Cancellations travel from the API to whichever worker runs the promotion's gate over a
// Redis channel (one per queue prefix); the worker aborts the job's processor signal through
// BullMQ's own job cancellation, which stops the tier's model calls.
import type { Redis } from 'ioredis'
import { TIERS } from '../domain/policy.js'
import { gateJobId } from './registry.js'

export const cancellationChannel = (prefix: string) => `${prefix}:promotion-cancellations`

export async function announceCancellation(connection: Redis, prefix: string, promotionId: string): Promise<void> {
  await connection.publish(cancellationChannel(prefix), promotionId)
}

/** Listens on a connection of its own (a subscribed connection serves nothing else). */
export async function listenForCancellations(connection: Redis, prefix: string, cancelJob: (jobId: string) => void): Promise<() => Promise<void>> {
  const subscriber = connection.duplicate()
  const channel = cancellationChannel(prefix)
  subscriber.on('message', (ch: string, promotionId: string) => {
    if (ch !== channel) return
    for (const tier of TIERS) cancelJob(gateJobId(promotionId, tier))
  })
  await subscriber.subscribe(channel)
  return async () => {
    await subscriber.unsubscribe(channel).catch(() => {})
    subscriber.disconnect()
  }
}
