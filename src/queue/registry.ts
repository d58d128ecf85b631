// One typed registry of queues, job names and payloads, shared by producers (the API) and
// processors (the worker), so the two cannot drift apart.
import type { Tier } from '../domain/policy.js'

export interface QueuePayloads {
  gates: { 'run-tier': { promotionId: string; tier: Tier } }
  deadlines: { expire: { promotionId: string } }
  webhooks: { deliver: { deliveryId: string } }
  audit: { integrate: Record<string, never> }
}

export type QueueName = keyof QueuePayloads
export type JobName<Q extends QueueName> = keyof QueuePayloads[Q] & string
export type JobPayload<Q extends QueueName, J extends JobName<Q>> = QueuePayloads[Q][J]

export const QUEUE_NAMES: { [Q in QueueName]: Q } = { gates: 'gates', deadlines: 'deadlines', webhooks: 'webhooks', audit: 'audit' }

/**
 * Deterministic job ids make enqueueing idempotent: the API, the reconciler and a worker
 * finishing the previous tier may all ask for the same tier, and BullMQ keeps one job.
 */
export const gateJobId = (promotionId: string, tier: Tier) => `gate.${promotionId}.${tier}`
export const expiryJobId = (promotionId: string) => `expire.${promotionId}`
/** One repeatable integration job, whatever number of workers upsert it. */
export const AUDIT_SCHEDULER_ID = 'audit.integrate'
export const deliveryJobId = (deliveryId: string) => `deliver.${deliveryId}`

export const GATE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential' as const, delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
}

export const EXPIRY_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 1_000 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
}
