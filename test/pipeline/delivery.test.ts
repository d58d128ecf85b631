// The pipeline under duplicate delivery, lost enqueues, cancellation races and jobs that
// exhaust their retries: every case must end in a terminal state with each check once.
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CATALOG, createCatalog } from '../../src/core/check-catalog.js'
import { createTierRunner, type TierRunner } from '../../src/core/tier-runner.js'
import { beginEvaluationUsage } from '../../src/core/evaluation-usage.js'
import { createDeadlineQueue, type DeadlineQueue } from '../../src/queue/deadline-queue.js'
import { createGateQueue, type GateQueue } from '../../src/queue/gate-queue.js'
import { createGovernanceService } from '../../src/core/governance.js'
import { createProducerConnection } from '../../src/queue/redis.js'
import { gateJobId, QUEUE_NAMES } from '../../src/queue/registry.js'
import { withRunner } from '../helpers/checks.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, eventually, startHarness, type Harness } from '../helpers/harness.js'

let h: Harness
let ci: string
let redis: Redis
let gateQueue: GateQueue
let deadlineQueue: DeadlineQueue
let version = 0

beforeAll(async () => {
  h = await startHarness()
  ci = await h.key('ci', ['ci'])
  await h.key('o', ['model_owner'])
  await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'm', kind: 'classifier', owner: 'o', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
  redis = createProducerConnection(h.config.redisUrl)
  gateQueue = createGateQueue({ connection: redis, prefix: h.config.queuePrefix })
  deadlineQueue = createDeadlineQueue({ connection: redis, prefix: h.config.queuePrefix })
})
afterEach(async () => {
  await h.worker?.close()
  h.worker = undefined
})
afterAll(async () => {
  await gateQueue?.close()
  await deadlineQueue?.close()
  redis?.disconnect()
  await h?.close()
})

async function newPromotion(): Promise<string> {
  const v = `1.0.${version++}`
  const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'm', version: v, targetEnvironment: 'dev', evidence: goodEvidence({ model: 'm', version: v }) } })
  expect(res.statusCode).toBe(202)
  return res.json().id
}

const runner = (catalog = CATALOG): TierRunner =>
  createTierRunner({ db: h.db, evaluation: { concurrency: 4, batchSize: 16, http: { timeoutMs: 5000, retries: 1, backoffMs: 50 }, allowlist: h.config.endpointAllowlist }, catalog, scheduling: { enqueueTier: gateQueue.enqueueTier, scheduleExpiry: deadlineQueue.scheduleExpiry }, governance: createGovernanceService({ db: h.db, catalog, approvalTtlSeconds: 3600 }), logger: pino({ level: 'silent' }) })
const status = async (id: string) => (await h.db.prisma.promotion.findUniqueOrThrow({ where: { id } })).status

describe('gate job delivery', () => {
  it('begins a promotion\'s evaluation usage once when tiers start it concurrently: every caller reads the one row', async () => {
    for (let i = 0; i < 10; i++) {
      const id = await newPromotion()
      // Concurrent inserts conflict; the losers must still read the winner's row, not nothing.
      const begun = await Promise.all(Array.from({ length: 8 }, () => beginEvaluationUsage(h.db, id)))
      expect(new Set(begun.map((u) => u.startedAt.getTime())).size).toBe(1)
      expect(begun.every((u) => u.calls === 0 && u.tokens === 0)).toBe(true)
    }
  })

  it('records each check once when a job is delivered twice, concurrently and again later', async () => {
    const id = await newPromotion()
    const r = runner()
    await Promise.all([r.run(id, 'automated'), r.run(id, 'automated')])
    await r.run(id, 'automated')
    await Promise.all([r.run(id, 'security'), r.run(id, 'security')])
    await r.run(id, 'automated') // a very late duplicate of the first tier
    expect(await status(id)).toBe('promoted')
    const results = await h.db.prisma.checkResult.findMany({ where: { promotionId: id } })
    expect(results.map((c) => c.checkId).sort()).toEqual(['integration_tests', 'model_card', 'security_scan', 'unit_tests'])
    const actions = (await h.db.prisma.auditEvent.findMany({ where: { promotionId: id } })).map((a) => a.action)
    expect(actions.filter((a) => a === 'check.recorded')).toHaveLength(4)
    expect(actions.filter((a) => a === 'tier.finished')).toHaveLength(2)
    expect(actions.filter((a) => a === 'promotion.promoted')).toHaveLength(1)
  })

  it('refuses to run a tier before the earlier tiers passed', async () => {
    const id = await newPromotion()
    await expect(runner().run(id, 'security')).rejects.toThrow(/before the earlier tiers passed/)
    expect(await status(id)).toBe('queued')
  })

  it('ignores results that arrive after a cancellation', async () => {
    const id = await newPromotion()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const slow = withRunner('unit_tests', async () => {
      await gate
      return { status: 'passed', measured: { tests: 1 }, threshold: {}, summary: 'ok', details: {} }
    })
    const running = runner(createCatalog([slow])).run(id, 'automated')
    await eventually(async () => (await status(id)) === 'running')
    const cancel = await h.request(ci, { method: 'POST', url: `/v1/promotions/${id}/cancel` })
    expect(cancel.statusCode).toBe(200)
    release()
    await running
    expect(await status(id)).toBe('cancelled')
    expect(await h.db.prisma.checkResult.count({ where: { promotionId: id } })).toBeLessThan(3)
    expect(await h.db.prisma.checkResult.count({ where: { promotionId: id, checkId: 'unit_tests' } })).toBe(0)
  })
})

describe('nothing accepted is lost', () => {
  it('re-drives a promotion whose enqueue was lost (crash between commit and enqueue)', async () => {
    const id = await newPromotion()
    // Simulate the lost enqueue: the job never reached Redis.
    const queue = new Queue(QUEUE_NAMES.gates, { connection: redis, prefix: h.config.queuePrefix })
    await queue.remove(gateJobId(id, 'automated'))
    expect(await queue.getJob(gateJobId(id, 'automated'))).toBeUndefined()
    await queue.close()
    await h.startWorker()
    await eventually(async () => (await status(id)) === 'promoted', 20_000)
  })

  it('leaves a promotion visibly failed when its gate job exhausts its retries', async () => {
    const id = await newPromotion()
    // A check whose result cannot be stored makes the job itself fail, every attempt.
    const broken = withRunner('unit_tests', async () => ({ status: 'passed', measured: { n: 10n }, threshold: {}, summary: 'ok', details: {} }))
    await h.startWorker({ catalog: createCatalog([broken]), reconcile: false })
    const done = await eventually(async () => {
      const p = await h.db.prisma.promotion.findUniqueOrThrow({ where: { id } })
      return p.status === 'blocked' ? p : null
    }, 25_000)
    expect(done.failureSummary).toMatch(/automated gate could not be evaluated: the gate job failed after 3 attempt/)
    expect(await h.db.prisma.remediationTicket.count({ where: { promotionId: id } })).toBe(1)
  })
})
