// Schema errors name what is allowed instead of repeating Ajv's union noise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'

let h: Harness
beforeAll(async () => {
  h = await startHarness()
})
afterAll(async () => {
  await h?.close()
})

describe('validation errors', () => {
  it('name the allowed values of an enumerated field, once', async () => {
    const ci = await h.key('ci-validation', ['ci'])
    const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'm', version: '1.0.0', targetEnvironment: 'qa' } })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.errors).toEqual([{ path: 'body/targetEnvironment', message: 'must be one of: dev, staging, prod' }])
    expect(body.detail).toBe('body does not match the schema: body/targetEnvironment must be one of: dev, staging, prod')
    expect(body.detail).not.toMatch(/equal to constant|anyOf/)
  })

  it('name an unknown field', async () => {
    const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'x', kind: 'classifier', owner: 'o', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false }, colour: 'red' } })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors).toContainEqual({ path: 'body', message: 'unknown field "colour"' })
  })

  it('serve an OpenAPI document whose server is relative, so Try it out works on any host and port', async () => {
    const doc = (await h.request(null, { method: 'GET', url: '/docs/json' })).json()
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }])
  })
})
