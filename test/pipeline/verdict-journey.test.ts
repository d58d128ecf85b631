// The signed verdict through the real API, queue and workers: an inconclusive check the policy
// let through promotes with a WARNED verdict; one it did not let through blocks (FAILED).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tinySafetensors } from '../../samples/index.js'
import { createCatalog } from '../../src/core/check-catalog.js'
import { withRunner } from '../helpers/checks.js'
import { goodEvidence } from '../helpers/evidence.js'
import { startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, settle } from '../helpers/journey.js'

// Stands in for a measurement that cannot decide at the policy's confidence: on 1.x the policy
// let it through (onInconclusive: warn), on 2.x it did not.
const undecided = withRunner('unit_tests', async ({ promotion }) => {
    const allowed = promotion.version.startsWith('1.')
    return { status: 'inconclusive', measured: { n: 12, passRate: 0.92, ci: [0.64, 0.99] }, threshold: { passRate: 0.9 }, summary: 'the interval straddles the threshold', details: { allowedByPolicy: allowed } }
})

let h: Harness
let ci: string
beforeAll(async () => {
  h = await startHarness({ worker: true, catalog: createCatalog([undecided]) })
  ci = await h.key('ci', ['ci'])
  await registerModel(h, 'undecided', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
})
afterAll(async () => h?.close())

async function promote(version: string) {
  const up = await h.request(ci, { method: 'PUT', url: `/v1/models/undecided/versions/${version}/artifacts/model.safetensors`, headers: { 'content-type': 'application/octet-stream' }, payload: tinySafetensors([Number(version[0])]) })
  expect(up.statusCode, up.body).toBe(201)
  const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'undecided', version, targetEnvironment: 'dev', artifact: { uri: 's3://m', digest: up.json().digest }, evidence: goodEvidence({ model: 'undecided', version }) } })
  expect(res.statusCode, res.body).toBe(202)
  const p = await settle(h, ci, res.json().id, ['promoted', 'blocked'])
  const env = await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/attestation` })
  expect(env.statusCode, env.body).toBe(200)
  return { p, predicate: JSON.parse(Buffer.from(env.json().payload, 'base64').toString()).predicate }
}

describe('inconclusive checks and the verdict', () => {
  it('let through by policy: promoted, and the verdict is WARNED naming the check', async () => {
    const { p, predicate } = await promote('1.0.0')
    expect(p.status, p.failureSummary).toBe('promoted')
    expect(predicate).toMatchObject({ result: 'WARNED', warnedTests: ['unit_tests'], failedTests: [] })
  })

  it('not let through: blocked, and the verdict is FAILED', async () => {
    const { p, predicate } = await promote('2.0.0')
    expect(p.status).toBe('blocked')
    expect(p.failureSummary).toMatch(/unit_tests/)
    expect(predicate).toMatchObject({ result: 'FAILED', failedTests: ['unit_tests'], warnedTests: [] })
  })
})
