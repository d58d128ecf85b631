import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderOpenApi } from '../../scripts/openapi.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => h?.close())

describe('health, readiness, metrics, docs', () => {
  it('serves liveness and readiness without a key', async () => {
    const live = await h.request(null, { method: 'GET', url: '/healthz' })
    expect(live.statusCode).toBe(200)
    const ready = await h.request(null, { method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' }, worker: { seen: false, lastHeartbeatAt: null } })
  })

  it('serves Prometheus metrics including promotion counts', async () => {
    const res = await h.request(null, { method: 'GET', url: '/metrics' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toMatch(/text\/plain/)
    expect(res.body).toContain('# TYPE modelgate_promotions gauge')
    expect(res.body).toContain('http_request_duration_seconds')
  })

  it('serves Swagger UI at /docs', async () => {
    const res = await h.request(null, { method: 'GET', url: '/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('swagger')
    const json = await h.request(null, { method: 'GET', url: '/docs/json' })
    expect(json.json().paths['/v1/promotions']).toBeDefined()
  })

  it('answers unknown routes with a problem (404)', async () => {
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/nothing-here' }), 404)
  })
})

describe('OpenAPI document', () => {
  it('is committed and matches the routes (run `npm run openapi` when this fails)', async () => {
    const committed = await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8')
    expect(committed).toBe(await renderOpenApi())
  })
})

describe('datasets', () => {
  it('registers classification and question-answer datasets with a stable digest; an identical retry is 200', async () => {
    const owner = await h.key('spam-team', ['model_owner'])
    expect((await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'spam-model', kind: 'classifier', owner: 'spam-team', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })).statusCode).toBe(201)
    const records = [{ input: 'win a prize now', label: 'spam', group: 'a' }, { input: 'lunch at noon?', label: 'ham', group: 'b' }]
    const res = await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'spam-holdout', records, models: ['spam-model'] } })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toEqual({ name: 'spam-holdout', kind: 'classification', digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), size: 2, models: ['spam-model'] })
    const again = await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'spam-holdout', records, models: ['spam-model'] } })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(res.json())
    expectProblem(await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'spam-holdout', records: records.slice(0, 1), models: ['spam-model'] } }), 409)

    const qa = await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'capitals', records: [{ input: 'Capital of France?', expected: 'Paris' }], models: ['spam-model'] } })
    expect(qa.json()).toMatchObject({ kind: 'qa', size: 1 })
  })

  it('refuses mixed, empty or malformed datasets, unknown models, and CI or viewers', async () => {
    const owner = await h.key('spam-team', ['model_owner'])
    const models = ['spam-model']
    expectProblem(await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'mixed', records: [{ input: 'a', label: 'x' }, { input: 'b', expected: 'y' }], models } }), 422)
    expectProblem(await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'empty', records: [], models } }), 400)
    expectProblem(await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'bad', records: [{ label: 'x' }], models } }), 400)
    expectProblem(await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'unpinned', records: [{ input: 'a', label: 'x' }] } }), 400)
    expectProblem(await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'ghost', records: [{ input: 'a', label: 'x' }], models: ['no-such-model'] } }), 422)
    expectProblem(await h.request(await h.key('ci', ['ci']), { method: 'POST', url: '/v1/datasets', payload: { name: 'by-ci', records: [{ input: 'a', label: 'x' }], models } }), 403)
    expectProblem(await h.request(await h.key('viewer', ['viewer']), { method: 'POST', url: '/v1/datasets', payload: { name: 'v', records: [{ input: 'a', label: 'x' }], models } }), 403)
    expect(await h.db.prisma.dataset.count({ where: { name: { in: ['mixed', 'empty', 'bad', 'unpinned', 'ghost', 'by-ci', 'v'] } } })).toBe(0)
  })
})

describe('remediation tickets', () => {
  it('lists tickets (empty when nothing was blocked) and validates its filters', async () => {
    const viewer = await h.key('viewer-2', ['viewer'])
    const res = await h.request(viewer, { method: 'GET', url: '/v1/remediation-tickets' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ items: [], nextCursor: null })
    expectProblem(await h.request(viewer, { method: 'GET', url: '/v1/remediation-tickets?limit=0' }), 400)
    expectProblem(await h.request(null, { method: 'GET', url: '/v1/remediation-tickets' }), 401)
  })
})

describe('rate limiting', () => {
  it('answers 429 with a problem once a key exceeds its budget', async () => {
    const limited = await startHarness({ env: { MODELGATE_RATE_LIMIT_PER_MINUTE: '5' } })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 7; i++) statuses.push((await limited.request(ADMIN_KEY, { method: 'GET', url: '/v1/promotions' })).statusCode)
      expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
      const res = await limited.request(ADMIN_KEY, { method: 'GET', url: '/v1/promotions' })
      const problem = expectProblem(res, 429)
      expect(problem.detail).toMatch(/rate limit/i)
      expect(res.headers['retry-after']).toBeDefined()
    } finally {
      await limited.close()
    }
  })
})
