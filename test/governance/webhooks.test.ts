import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifySignature } from '../../src/notify/signature.js'
import { ADMIN_KEY, eventually, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, requestPromotion, settle } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'
import { startReceiver } from '../helpers/receiver.js'
import { junit, goodEvidence } from '../helpers/evidence.js'

const SECRET = 'whsec-test-0123456789abcdef'
let h: Harness
let ci: string

beforeAll(async () => {
  h = await startHarness({ worker: true, env: { MODELGATE_WEBHOOK_BACKOFF_MS: '100', MODELGATE_WEBHOOK_ATTEMPTS: '5', MODELGATE_OUTBOX_INTERVAL_MS: '50' } })
  ci = await h.key('ci', ['ci'])
  await registerModel(h, 'hooked', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
})
afterAll(async () => h?.close())

const subscribe = (url: string, events: string[]) => h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url, events, secret: SECRET } })

describe('webhooks', () => {
  it('delivers signed events that the receiver can verify, and refuses tampering and replays', async () => {
    const receiver = await startReceiver()
    try {
      const res = await subscribe(receiver.url, ['promotion.created', 'promotion.blocked', 'promotion.promoted'])
      expect(res.statusCode).toBe(201)
      expect(res.json()).not.toHaveProperty('secret')
      const ok = await settle(h, ci, await requestPromotion(h, ci, 'hooked', '1.0.0', 'dev'))
      const bad = await settle(h, ci, await requestPromotion(h, ci, 'hooked', '1.1.0', 'dev', { ...goodEvidence({ model: 'hooked', version: '1.1.0' }), unitTests: junit({ failed: ['test_x'] }) }))
      expect([ok.status, bad.status]).toEqual(['promoted', 'blocked'])

      await eventually(async () => receiver.received.length >= 4)
      const events = receiver.received.map((r) => JSON.parse(r.body))
      expect(events.map((e) => e.type).sort()).toEqual(['promotion.blocked', 'promotion.created', 'promotion.created', 'promotion.promoted'])
      const blocked = events.find((e) => e.type === 'promotion.blocked')
      expect(blocked.data).toMatchObject({ promotionId: bad.id, model: 'hooked', version: '1.1.0', severity: 'high', failedChecks: [expect.objectContaining({ id: 'unit_tests' })] })
      expect(blocked.data.failureSummary).toContain('test_x')

      for (const r of receiver.received) {
        const headers = { signature: String(r.headers['modelgate-signature']), timestamp: String(r.headers['modelgate-timestamp']) }
        expect(verifySignature(SECRET, headers, r.body)).toEqual({ ok: true })
        expect(verifySignature('wrong-secret-0123456789', headers, r.body).ok).toBe(false)
        expect(verifySignature(SECRET, headers, r.body.replace('hooked', 'hacked')).ok).toBe(false)
        // a replay ten minutes later is refused by the timestamp check
        expect(verifySignature(SECRET, headers, r.body, { now: Date.now() + 600_000 })).toEqual({ ok: false, reason: expect.stringMatching(/replay/) })
        expect(r.headers['modelgate-delivery']).toEqual(expect.any(String))
      }
    } finally {
      await receiver.close()
    }
  })

  it('retries a receiver that is down with backoff, and the delivery log shows each attempt', async () => {
    // Reserve a port, then close it: the receiver is down.
    const probe = http.createServer()
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r))
    const port = (probe.address() as { port: number }).port
    await new Promise<void>((r) => probe.close(() => r()))
    const hook = (await subscribe(`http://127.0.0.1:${port}/hooks`, ['promotion.created'])).json()

    await requestPromotion(h, ci, 'hooked', '2.0.0', 'dev')
    const log = await eventually(async () => {
      const items = (await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/webhooks/${hook.id}/deliveries` })).json().items
      return items[0]?.attempts >= 2 ? items : null
    })
    expect(log[0]).toMatchObject({ event: 'promotion.created', status: 'retrying', lastStatusCode: null, lastError: expect.stringMatching(/fetch failed|ECONNREFUSED/) })
    expect(log[0].attemptLog[0]).toMatchObject({ attempt: 1, statusCode: null, error: expect.any(String) })

    // The receiver comes back on the same port, answering 503 once, then 200.
    const receiver = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c) => (body += c))
      req.on('end', () => res.writeHead(200).end('thanks'))
    })
    await new Promise<void>((r) => receiver.listen(port, '127.0.0.1', r))
    try {
      const done = await eventually(async () => {
        const items = (await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/webhooks/${hook.id}/deliveries` })).json().items
        return items[0]?.status === 'delivered' ? items[0] : null
      }, 20_000)
      expect(done.attempts).toBeGreaterThanOrEqual(2)
      expect(done.attemptLog.at(-1)).toMatchObject({ statusCode: 200, responseBody: 'thanks', error: null })
      expect(done.attemptLog.slice(0, -1).every((a: { statusCode: number | null }) => a.statusCode === null)).toBe(true)
      const gaps = done.attemptLog.slice(1).map((a: { at: string }, i: number) => new Date(a.at).getTime() - new Date(done.attemptLog[i].at).getTime())
      expect(gaps.every((g: number) => g >= 90)).toBe(true)
    } finally {
      await new Promise<void>((r) => receiver.close(() => r()))
    }
  })

  it('sends a test event on request, and marks a delivery failed after its last attempt', async () => {
    const receiver = await startReceiver({ failFirst: 100, status: 500 })
    try {
      const hook = (await subscribe(receiver.url, ['promotion.promoted'])).json()
      const sent = await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/webhooks/${hook.id}/test` })
      expect(sent.statusCode).toBe(202)
      // The earlier test's promotion may still be promoted after this hook subscribed: look
      // for the test event itself.
      const failed = await eventually(async () => {
        // The earlier test's promotion may be promoted meanwhile; this test is about the test event.
        const items = (await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/webhooks/${hook.id}/deliveries` })).json().items
        const test = items.find((d: { event: string }) => d.event === 'webhook.test')
        return test?.status === 'failed' ? test : null
      }, 20_000)
      expect(failed).toMatchObject({ event: 'webhook.test', attempts: 5, lastStatusCode: 500 })
      expect(failed.attemptLog).toHaveLength(5)
      expect(receiver.received.map((r) => JSON.parse(r.body)).find((e) => e.type === 'webhook.test')).toMatchObject({ type: 'webhook.test', data: { webhookId: hook.id } })
    } finally {
      await receiver.close()
    }
  })

  it('refuses hosts outside the allowlist (422), bad bodies (400), non-admins (403), unknown ids (404)', async () => {
    expectProblem(await subscribe('http://10.1.2.3/hooks', ['promotion.created']), 422)
    expectProblem(await subscribe('http://127.0.0.1:1/hooks', ['promotion.exploded']), 400)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1/h', events: ['promotion.created'], secret: 'short' } }), 400)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1/h', events: ['promotion.created'], secret: SECRET } }), 403)
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/webhooks/7d1e7c1e-0000-4000-8000-000000000000/deliveries' }), 404)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks/nope/test' }), 404)
  })
})
