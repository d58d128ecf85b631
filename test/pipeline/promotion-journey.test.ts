import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { eventually, startHarness, type Harness } from '../helpers/harness.js'
import { goodEvidence, junit, trivyReport } from '../helpers/evidence.js'

let h: Harness
let ci: string
let owner: string

beforeAll(async () => {
  h = await startHarness({ worker: true })
  ci = await h.key('ci-pipeline', ['ci'])
  owner = await h.key('fraud-team', ['model_owner'])
  const res = await h.request(owner, {
    method: 'POST',
    url: '/v1/models',
    payload: { name: 'fraud-detector', kind: 'classifier', owner: 'fraud-team', riskProfile: { userFacing: false, handlesPii: true, financialImpact: true } },
  })
  expect(res.statusCode).toBe(201)
})
afterAll(async () => h?.close())

async function promote(version: string, target: string, evidence: Record<string, unknown>) {
  const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'fraud-detector', version, targetEnvironment: target, evidence } })
  expect(res.statusCode, res.body).toBe(202)
  return res.json() as { id: string }
}

async function settle(id: string) {
  return eventually(async () => {
    const res = await h.request(ci, { method: 'GET', url: `/v1/promotions/${id}` })
    const body = res.json()
    return ['promoted', 'blocked', 'cancelled'].includes(body.status) ? body : null
  })
}

describe('a promotion driven through real BullMQ workers', () => {
  it('promotes a version whose evidence passes every check, into dev then staging', async () => {
    const first = await promote('1.0.0', 'dev', goodEvidence({ model: 'fraud-detector', version: '1.0.0' }))
    const done = await settle(first.id)
    expect(done.status).toBe('promoted')
    expect(done.gates.map((g: { tier: string; status: string }) => [g.tier, g.status])).toEqual([['automated', 'passed'], ['security', 'passed']])
    const unit = done.gates[0].checks.find((c: { id: string }) => c.id === 'unit_tests')
    expect(unit).toMatchObject({ status: 'passed', passed: true, measured: { tests: 12, failures: 0, errors: 0 } })

    const model = (await h.request(ci, { method: 'GET', url: '/v1/models/fraud-detector' })).json()
    expect(model.environments.dev).toBe('1.0.0')

    const redTeam = await h.key('red-team-1', ['red_team'])
    const attest = await h.request(redTeam, { method: 'POST', url: '/v1/models/fraud-detector/versions/1.0.0/attestations', payload: { kind: 'red-team', verdict: 'pass', reportUri: 's3://reports/fraud/1.0.0.pdf' } })
    expect(attest.statusCode, attest.body).toBe(201)
    const second = await promote('1.0.0', 'staging', goodEvidence({ model: 'fraud-detector', version: '1.0.0' }))
    expect((await settle(second.id)).status).toBe('promoted')
    const after = (await h.request(ci, { method: 'GET', url: '/v1/models/fraud-detector' })).json()
    expect(after.environments).toEqual({ dev: null, staging: '1.0.0', prod: null })
  })

  it('blocks on failed evidence with a summary, a ticket and audit events, and runs every check of the tier', async () => {
    const evidence = { ...goodEvidence({ model: 'fraud-detector', version: '1.1.0' }), unitTests: junit({ passed: 5, failed: ['test_accuracy_floor'] }), vulnerabilityReport: trivyReport([{ id: 'CVE-2024-3651', pkg: 'idna', severity: 'CRITICAL', fixed: '3.7' }]) }
    const p = await promote('1.1.0', 'dev', evidence)
    const done = await settle(p.id)
    expect(done.status).toBe('blocked')
    expect(done.severity).toBe('critical')
    expect(done.gates[0].status).toBe('failed')
    expect(done.gates[1].status).toBe('not_run')
    const checks = Object.fromEntries(done.gates[0].checks.map((c: { id: string; status: string }) => [c.id, c.status]))
    expect(checks).toEqual({ unit_tests: 'failed', integration_tests: 'passed', security_scan: 'failed' })
    expect(done.failureSummary).toContain('test_accuracy_floor')
    expect(done.failureSummary).toContain('CVE-2024-3651')
    expect(done.failureSummary).toContain('idna to 3.7')

    const tickets = (await h.request(ci, { method: 'GET', url: `/v1/remediation-tickets?promotionId=${p.id}` })).json()
    expect(tickets.items).toHaveLength(1)
    expect(tickets.items[0]).toMatchObject({ severity: 'critical', status: 'open', model: 'fraud-detector', version: '1.1.0' })

    const actions = (await h.db.prisma.auditEvent.findMany({ where: { promotionId: p.id }, orderBy: { seq: 'asc' } })).map((e) => e.action)
    expect(actions[0]).toBe('promotion.created')
    expect(actions).toContain('promotion.started')
    expect(actions).toContain('tier.started')
    expect(actions.filter((a) => a === 'check.recorded')).toHaveLength(3)
    expect(actions.at(-1)).toBe('promotion.blocked')
  })

  it('fails a check whose evidence is missing, saying what to upload', async () => {
    const { unitTests: _omit, ...rest } = goodEvidence({ model: 'fraud-detector', version: '1.2.0' })
    const done = await settle((await promote('1.2.0', 'dev', rest)).id)
    expect(done.status).toBe('blocked')
    const unit = done.gates[0].checks.find((c: { id: string }) => c.id === 'unit_tests')
    expect(unit.status).toBe('failed')
    expect(unit.remedy).toMatch(/upload the JUnit XML report .* as evidence\.unitTests/)
  })

  it('blocks a version that carries another version\'s model card, saying which field disagrees', async () => {
    // The card of the version already in staging, carried forward unchanged.
    const evidence = goodEvidence({ model: 'fraud-detector', version: '1.0.0' })
    const done = await settle((await promote('1.3.0', 'dev', evidence)).id)
    expect(done.status).toBe('blocked')
    const card = done.gates[1].checks.find((c: { id: string }) => c.id === 'model_card')
    expect(card).toMatchObject({ status: 'failed', measured: { mismatched: 1 } })
    expect(card.summary).toBe('the model card is not this model\'s: version is "1.0.0" but the promotion is for "1.3.0"')
    expect(done.failureSummary).toMatch(/model_card/)
  })
})
