import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => h?.close())

const model = (name: string) => ({ name, kind: 'classifier', owner: 'risk-team', riskProfile: { userFacing: true, handlesPii: false, financialImpact: true } })

describe('authentication', () => {
  it('refuses requests without a key, with a malformed header, or with an unknown key (401)', async () => {
    expectProblem(await h.request(null, { method: 'GET', url: '/v1/models/x' }), 401)
    expectProblem(await h.request(null, { method: 'GET', url: '/v1/models/x', headers: { authorization: 'Basic abc' } }), 401)
    expectProblem(await h.request('mg_not-a-real-key', { method: 'GET', url: '/v1/models/x' }), 401)
  })

  it('checks the role before reading the body (401/403 do not depend on a valid body)', async () => {
    const viewer = await h.key('auditor', ['viewer'])
    expectProblem(await h.request(viewer, { method: 'POST', url: '/v1/models', payload: { nonsense: true } }), 403)
    expectProblem(await h.request(null, { method: 'POST', url: '/v1/models', payload: { nonsense: true } }), 401)
  })

  it('creates API keys (admin only), shows the key once and stores only its hash', async () => {
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'release-bot', roles: ['ci'] } })
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body).toMatchObject({ id: expect.any(String), name: 'release-bot', roles: ['ci'], key: expect.stringMatching(/^mg_/) })
    const stored = await h.db.prisma.apiKey.findUniqueOrThrow({ where: { id: body.id } })
    expect(stored.keyHash).not.toContain(body.key)
    expect(JSON.stringify(stored)).not.toContain(body.key)
    // the new key works
    expect((await h.request(body.key, { method: 'GET', url: '/v1/promotions' })).statusCode).toBe(200)

    const ci = body.key
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/api-keys', payload: { name: 'x', roles: ['admin'] } }), 403)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'release-bot', roles: ['admin'] } }), 409)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'x', roles: ['root'] } }), 400)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'x', roles: [] } }), 400)
  })
})

describe('models', () => {
  it('registers a model and reads it back with its versions', async () => {
    const owner = await h.key('risk-team', ['model_owner'])
    const res = await h.request(owner, { method: 'POST', url: '/v1/models', payload: model('credit-scorer') })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ name: 'credit-scorer', kind: 'classifier', owner: 'risk-team', riskProfile: { userFacing: true, handlesPii: false, financialImpact: true } })
    const viewer = await h.key('viewer-1', ['viewer'])
    const got = await h.request(viewer, { method: 'GET', url: '/v1/models/credit-scorer' })
    expect(got.statusCode).toBe(200)
    expect(got.json()).toMatchObject({ name: 'credit-scorer', versions: [], environments: { dev: null, staging: null, prod: null } })
  })

  it('a retry of the identical registration by the same principal is 200; another body or principal is 409', async () => {
    const first = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: model('dup-model') })
    expect(first.statusCode).toBe(201)
    const retry = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: model('dup-model') })
    expect(retry.statusCode, retry.body).toBe(200)
    expect(retry.json()).toEqual(first.json())
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { ...model('dup-model'), kind: 'llm' } }), 409)
    expectProblem(await h.request(await h.key('risk-team', ['model_owner']), { method: 'POST', url: '/v1/models', payload: model('dup-model') }), 409)
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'model.registered', model: 'dup-model' } })).toBe(1)
  })

  it('refuses an owner nobody can sign for: unknown, without model_owner, or an IdP name with no IdP (422)', async () => {
    await h.key('just-a-viewer', ['viewer'])
    for (const owner of ['nobody-at-all', 'just-a-viewer', 'group:fraud-owners', 'oidc:alice']) {
      const res = expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { ...model('orphan'), owner } }), 422)
      expect(res.rule).toBe('owner_exists')
    }
    expect(await h.db.prisma.model.count({ where: { name: 'orphan' } })).toBe(0)
  })

  it('answers 404 for an unknown model, 403 for CI', async () => {
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/models/no-such-model' }), 404)
    const ci = await h.key('ci-2', ['ci'])
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/models', payload: model('by-ci') }), 403)
  })
})
