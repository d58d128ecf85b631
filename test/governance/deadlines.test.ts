import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expiryJobId, QUEUE_NAMES } from '../../src/queue/registry.js'
import { fakeClock } from '../helpers/clock.js'
import { eventually, startHarness, type Harness } from '../helpers/harness.js'
import { awaitingApproval } from '../helpers/factories.js'
import { approve, registerModel, toProdApproval, type Actors } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

const NO_RISK = { userFacing: false, handlesPii: false, financialImpact: false }
let h: Harness
let actors: Actors
let lead: string
// Time stands still unless a test moves it: an hour's approval window passes in an instant.
const clock = fakeClock()
const TTL_MS = 3_600_000

beforeAll(async () => {
  h = await startHarness({ worker: true, clock, env: { MODELGATE_APPROVAL_TTL_SECONDS: String(TTL_MS / 1000) } })
  actors = { ci: await h.key('ci', ['ci']), redTeam: await h.key('red-team', ['red_team']) }
  lead = await h.key('lead', ['ml_lead'])
})
afterAll(async () => h?.close())

describe('approval deadlines', () => {
  it('expires a promotion nobody decided, through its delayed job', async () => {
    await registerModel(h, 'ttl-model', 'owner', NO_RISK)
    // Only the delayed job may expire it here.
    await h.worker!.reconciler.stop()
    const p = await toProdApproval(h, actors, 'ttl-model', '1.0.0')
    expect(p.status).toBe('awaiting_approval')
    const deadline = new Date(p.deadline).getTime()
    expect(deadline).toBe(clock.now().getTime() + TTL_MS)
    expect((await approve(h, lead, p.id, 'ml_lead')).statusCode).toBe(201)
    const job = await eventually(async () => h.worker!.deadlineQueue.queue.getJob(expiryJobId(p.id)))
    expect(job.opts.delay).toBe(TTL_MS)
    // An alarm that rings early changes nothing: by the clock the deadline has not passed.
    expect(await h.worker!.governance.expire(p.id)).toBe(false)
    clock.advance(TTL_MS)
    // The alarm rings now (as BullMQ would an hour later).
    await job.promote()
    const expired = await eventually(async () => {
      const body = (await h.request(actors.ci, { method: 'GET', url: `/v1/promotions/${p.id}` })).json()
      return body.status === 'expired' ? body : null
    })
    expect(new Date(expired.decidedAt).getTime()).toBeGreaterThanOrEqual(deadline)
    expect(expired.gates[2].checks.find((c: { id: string }) => c.id === 'human_review')).toMatchObject({ status: 'failed', details: { missing: ['model_owner'] } })
    // The summary names the sign-off nobody gave, not the one that came in time.
    expect(expired.failureSummary).toMatch(/without the sign-off of model_owner \(owner\)$/)
    expect(expired.failureSummary).not.toMatch(/ml_lead/)
    const owner = await h.key('owner', ['model_owner'])
    expectProblem(await approve(h, owner, p.id, 'model_owner'), 409)
    const actions = (await h.db.prisma.auditEvent.findMany({ where: { promotionId: p.id }, select: { action: true } })).map((a) => a.action)
    expect(actions.filter((a) => a === 'promotion.expired')).toHaveLength(1)
  })

  it('expires through the Postgres sweep when the delayed job was lost', async () => {
    await registerModel(h, 'lost-job-model', 'owner', NO_RISK)
    const p = await toProdApproval(h, actors, 'lost-job-model', '1.0.0')
    const redis = new Redis(h.config.redisUrl, { maxRetriesPerRequest: null })
    const queue = new Queue(QUEUE_NAMES.deadlines, { connection: redis, prefix: h.config.queuePrefix })
    // As after a Redis restart: the alarm is gone, Postgres still holds the deadline.
    await eventually(async () => (await queue.getJob(expiryJobId(p.id))) !== undefined)
    await queue.remove(expiryJobId(p.id))
    expect(await queue.getJob(expiryJobId(p.id))).toBeUndefined()
    await queue.close()
    redis.disconnect()
    expect(await h.worker!.reconciler.reconcileOnce()).toMatchObject({ expired: 0 })
    clock.advance(TTL_MS)
    expect(await h.worker!.reconciler.reconcileOnce()).toMatchObject({ expired: 1 })
    const expired = await h.db.prisma.promotion.findUniqueOrThrow({ where: { id: p.id } })
    expect(expired.status).toBe('expired')
    expect(expired.decidedAt!.getTime()).toBe(clock.now().getTime())
    expect(expired.failureSummary).toMatch(/without the sign-off of ml_lead, model_owner \(owner\)$/)
    expect(await h.db.prisma.gateRun.findMany({ where: { promotionId: p.id, status: 'running' } })).toEqual([])
  })

  it('answers 409 to an approval that arrives after the deadline even before any sweep ran', async () => {
    await registerModel(h, 'late-model', 'owner', NO_RISK)
    // Put straight at its approvals, with no expiry job: only the approval itself can notice
    // the deadline (the first test covers the job a real journey schedules).
    const p = await awaitingApproval(h, { model: 'late-model', version: '1.0.0', now: clock.now() })
    expect(await h.worker!.deadlineQueue.queue.getJob(expiryJobId(p.id))).toBeUndefined()
    clock.advance(TTL_MS)
    const res = expectProblem(await approve(h, lead, p.id, 'ml_lead'), 409)
    expect(res.detail).toMatch(/deadline has passed/)
    expect((await h.db.prisma.promotion.findUniqueOrThrow({ where: { id: p.id } })).status).toBe('expired')
  })
})
