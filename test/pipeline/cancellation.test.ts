// Cancelling a promotion stops its evaluation: the API announces the cancellation over Redis,
// the worker running the gate aborts the job's signal, and the calls to the model stop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFixedLatencyServer, type FixedLatencyServer } from '../../samples/fixed-latency/index.js'
import { goodEvidence } from '../helpers/evidence.js'
import { eventually, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel } from '../helpers/journey.js'
import { evidencePolicy } from '../helpers/policies.js'

let h: Harness
let ci: string
let slow: FixedLatencyServer

beforeAll(async () => {
  // Each call takes a second; 400 records one at a time, two at once, would take minutes.
  slow = await startFixedLatencyServer({ protocol: 'mlflow-invocations', latencyMs: 1_000 })
  h = await startHarness({ worker: true, policy: evidencePolicy({ keep: ['accuracy_benchmark'] }), env: { MODELGATE_EVAL_BATCH_SIZE: '1', MODELGATE_EVAL_CONCURRENCY: '2', MODELGATE_EVAL_RETRIES: '0' } })
  ci = await h.key('ci', ['ci'])
  await registerModel(h, 'slow-model', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
  const records = Array.from({ length: 400 }, (_, i) => ({ input: `message ${i}`, label: i % 2 ? 'spam' : 'ham' }))
  const ds = await h.request(await h.key('owner', ['model_owner']), { method: 'POST', url: '/v1/datasets', payload: { name: 'slow-set', records, models: ['slow-model'] } })
  expect(ds.statusCode, ds.body).toBe(201)
})
afterAll(async () => {
  await h?.close()
  await slow?.close()
})

describe('cancellation', () => {
  it('stops calling the model within 5 seconds of the cancel, and closes the running tier', async () => {
    const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'slow-model', version: '1.0.0', targetEnvironment: 'dev', endpoint: { protocol: 'mlflow-invocations', url: slow.url }, evaluation: { dataset: 'slow-set' }, evidence: goodEvidence() } })
    expect(res.statusCode, res.body).toBe(202)
    const id = res.json().id
    await eventually(async () => slow.stats.requests >= 2, 30_000)

    const cancel = await h.request(ci, { method: 'POST', url: `/v1/promotions/${id}/cancel` })
    expect(cancel.statusCode, cancel.body).toBe(200)
    const cancelledAt = Date.now()
    const atCancel = slow.stats.requests

    // Calls already sent may still be answered; no new one starts after the abort lands.
    await eventually(async () => slow.stats.inFlight === 0, 5_000, 20)
    expect(Date.now() - cancelledAt).toBeLessThan(5_000)
    const settled = slow.stats.requests
    await new Promise((r) => setTimeout(r, 2_500))
    expect(slow.stats.requests).toBe(settled)
    // Two at a time for a few seconds at most, not the 400 the dataset holds.
    expect(settled - atCancel).toBeLessThanOrEqual(10)

    const promotion = await h.db.prisma.promotion.findUniqueOrThrow({ where: { id }, include: { gateRuns: true } })
    expect(promotion.status).toBe('cancelled')
    expect(promotion.gateRuns).toMatchObject([{ tier: 'automated', status: 'cancelled', finishedAt: expect.any(Date) }])
    expect(await h.db.prisma.checkResult.count({ where: { promotionId: id, checkId: 'accuracy_benchmark' } })).toBe(0)
    const actions = (await h.db.prisma.auditEvent.findMany({ where: { promotionId: id }, orderBy: { seq: 'asc' } })).map((a) => a.action)
    expect(actions.slice(-2)).toEqual(['tier.finished', 'promotion.cancelled'])
  })
})
