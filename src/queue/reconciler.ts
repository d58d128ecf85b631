// The outbox side of "nothing accepted is ever lost". A promotion row in queued or running
// is itself the durable intent to run its current tier. The API enqueues right after commit,
// but if that enqueue is lost (crash, Redis away) this sweep re-drives it; jobs are
// deduplicated by id, so re-driving a live job is a no-op.
import type { Logger } from '../logger.js'
import { nextTier } from '../domain/policy.js'
import { findPromotion, stalePromotions } from '../core/promotion-repository.js'
import type { TierRunner } from '../core/tier-runner.js'
import type { GovernanceService } from '../core/governance.js'
import type { Database } from '../store/database.js'
import type { GateQueue } from './gate-queue.js'

const LIVE_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'])

export function createReconciler(deps: { db: Database; gateQueue: GateQueue; tierRunner: TierRunner; governance: GovernanceService; logger: Logger; staleAfterMs: number; batch?: number }) {
  const { db, gateQueue, tierRunner, logger } = deps

  async function reconcileOnce(): Promise<{ redriven: number; failed: number; expired: number }> {
    // Deadlines live in Postgres; this catches any whose delayed job was lost.
    const expired = await deps.governance.expireOverdue()
    const cutoff = new Date(Date.now() - deps.staleAfterMs)
    const stale = await stalePromotions(db, cutoff, deps.batch ?? 500)
    let redriven = 0
    let failed = 0
    for (const id of stale) {
      // One unreadable row must not stop the sweep for every other promotion.
      const record = await findPromotion(db, id).catch((err) => {
        logger.error({ err, promotionId: id }, 'promotion could not be read')
        return null
      })
      if (!record) continue
      const tier = record.currentTier ?? nextTier(record.policy, record.targetEnvironment, null)
      if (!tier) continue
      const state = await gateQueue.jobState(id, tier)
      if (LIVE_STATES.has(state)) continue
      if (state === 'failed') {
        // The worker's own failure handler should have done this; it may have crashed first.
        if (await tierRunner.failPromotion(id, tier, 'the gate job failed after all its retries')) failed++
        continue
      }
      await gateQueue.enqueueTier(id, tier)
      redriven++
    }
    if (redriven + failed + expired > 0) logger.info({ redriven, failed, expired }, 'reconciler re-drove promotions')
    return { redriven, failed, expired }
  }

  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  return {
    reconcileOnce,
    start(intervalMs: number) {
      timer = setInterval(() => {
        if (running) return
        running = reconcileOnce()
          .catch((err) => logger.error({ err }, 'reconcile pass failed'))
          .finally(() => (running = undefined))
      }, intervalMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      await running
    },
  }
}

export type Reconciler = ReturnType<typeof createReconciler>
