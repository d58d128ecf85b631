import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../../src/core/default-policy.js'
import type { Policy } from '../../src/domain/policy.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, requestPromotion, settle } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'
import { confirmChange } from '../helpers/changes.js'

let h: Harness
let ci: string
let redTeam: string

beforeAll(async () => {
  h = await startHarness({ worker: true })
  ci = await h.key('ci', ['ci'])
  redTeam = await h.key('red-team', ['red_team'])
  await registerModel(h, 'attested', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
})
afterAll(async () => h?.close())

const attest = (key: string, version: string, verdict: string, model = 'attested') =>
  h.request(key, { method: 'POST', url: `/v1/models/${model}/versions/${version}/attestations`, payload: { kind: 'red-team', verdict, reportUri: `s3://rt/${version}.pdf`, summary: verdict === 'fail' ? 'prompt injection via tool output' : undefined } })

async function toStaging(version: string) {
  expect((await settle(h, ci, await requestPromotion(h, ci, 'attested', version, 'dev'))).status).toBe('promoted')
  return settle(h, ci, await requestPromotion(h, ci, 'attested', version, 'staging'))
}

describe('red-team sign-off', () => {
  it('blocks staging without an attestation, saying who must attest', async () => {
    const p = await toStaging('1.0.0')
    expect(p.status).toBe('blocked')
    const check = p.gates[1].checks.find((c: { id: string }) => c.id === 'red_team_report')
    expect(check.status).toBe('failed')
    expect(check.remedy).toMatch(/red_team principal must .* POST \/v1\/models\/attested\/versions\/1\.0\.0\/attestations/)
  })

  it('blocks on a fail verdict and passes on a pass verdict for that exact version', async () => {
    expect((await attest(redTeam, '2.0.0', 'fail')).statusCode).toBe(201)
    const failed = await toStaging('2.0.0')
    expect(failed.status).toBe('blocked')
    expect(failed.failureSummary).toContain('prompt injection via tool output')

    expect((await attest(redTeam, '3.0.0', 'pass')).statusCode).toBe(201)
    expect((await attest(redTeam, '2.9.9', 'pass')).statusCode).toBe(201)
    const passed = await toStaging('3.0.0')
    expect(passed.status).toBe('promoted')
    expect(passed.gates[1].checks.find((c: { id: string }) => c.id === 'red_team_report')).toMatchObject({ status: 'passed', measured: { verdict: 'pass', attestedBy: 'red-team' } })
  })

  it('accepts attestations only from red_team principals, for registered models', async () => {
    expectProblem(await attest(ci, '4.0.0', 'pass'), 403)
    expectProblem(await attest(ADMIN_KEY, '4.0.0', 'pass'), 403)
    expectProblem(await attest(redTeam, '4.0.0', 'pass', 'unknown-model'), 404)
    expectProblem(await attest(redTeam, '4.0.0', 'maybe'), 400)
  })
})

describe('the versioned policy', () => {
  // This service runs on the policy service itself: the built-in default until one is stored.
  let hp: Harness
  beforeAll(async () => {
    hp = await startHarness({ worker: true, policy: 'stored' })
    await registerModel(hp, 'attested', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
  })
  afterAll(async () => hp?.close())
  let ci2: string | undefined
  const ciKey = async () => (ci2 ??= await hp.key('ci', ['ci']))

  it('serves the policy in force and lets an admin put a new version in force, audited', async () => {
    const current = (await hp.request(await ciKey(), { method: 'GET', url: '/v1/policy' })).json()
    expect(current).toMatchObject({ source: 'default', policy: { version: DEFAULT_POLICY.version } })

    const strict: Policy = structuredClone(DEFAULT_POLICY)
    strict.version = 'strict-1'
    strict.environments.dev.tiers[0]!.checks.find((c) => c.id === 'unit_tests')!.params.minTests = 50
    expectProblem(await hp.request(await ciKey(), { method: 'PUT', url: '/v1/policy', payload: strict }), 403)
    const res = await hp.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: strict })
    // Proposed, not in force, until a second admin confirms it.
    expect((await hp.request(await ciKey(), { method: 'GET', url: '/v1/policy' })).json().policy.version).toBe(DEFAULT_POLICY.version)
    await confirmChange(hp, res)
    expect((await hp.request(await ciKey(), { method: 'GET', url: '/v1/policy' })).json()).toMatchObject({ source: 'stored', createdBy: 'admin', policy: { version: 'strict-1' } })
    expect(await hp.db.prisma.auditEvent.count({ where: { action: 'policy.changed' } })).toBe(1)
    expectProblem(await hp.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: strict }), 409)

    // New promotions are judged under it, and record which version they used.
    const p = await settle(hp, await ciKey(), await requestPromotion(hp, await ciKey(), 'attested', '5.0.0', 'dev'))
    expect(p.policyVersion).toBe('strict-1')
    expect(p.status).toBe('blocked')
    expect(p.failureSummary).toMatch(/at least 50 required/)
  })

  it('refuses policies that name unknown checks, misplace them, or hold none (422)', async () => {
    const bad: Policy = structuredClone(DEFAULT_POLICY)
    bad.version = 'bad-1'
    bad.environments.dev.tiers[0]!.checks.push({ id: 'vibes_check', params: {}, severity: 'low' })
    const res = expectProblem(await hp.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: bad }), 422)
    expect(res.problems).toEqual(['dev/automated: unknown check "vibes_check"'])
    const misplaced: Policy = structuredClone(DEFAULT_POLICY)
    misplaced.version = 'bad-2'
    misplaced.environments.dev.tiers[0]!.checks.push({ id: 'model_card', params: {}, severity: 'low' })
    expectProblem(await hp.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: misplaced }), 422)
    const empty: Policy = structuredClone(DEFAULT_POLICY)
    empty.version = 'bad-3'
    empty.environments.dev.tiers = []
    expectProblem(await hp.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: empty }), 422)
  })

  it('refuses a misspelled, a mistyped or an out-of-range param (422 naming it) and changes nothing', async () => {
    const withParams = (version: string, id: string, params: Record<string, unknown>) => {
      const p: Policy = structuredClone(DEFAULT_POLICY)
      p.version = version
      const check = p.environments.staging.tiers.flatMap((t) => t.checks).find((c) => c.id === id)!
      Object.assign(check.params, params)
      return p
    }
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ['unit_tests', { minTest: 50 }, 'staging/automated/unit_tests: unknown param "minTest"'],
      ['unit_tests', { minTests: '50' }, 'staging/automated/unit_tests: param "minTests" must be integer'],
      ['accuracy_benchmark', { minAccuracy: 1.5 }, 'staging/automated/accuracy_benchmark: param "minAccuracy" must be <= 1'],
      ['security_scan', { failOn: ['critical', 'severe'] }, 'staging/automated/security_scan: param "failOn.1"'],
      ['bias_metrics', { gates: { demographicParity: { max: 0.1 } } }, 'staging/automated/bias_metrics: unknown param "gates.demographicParity"'],
      // A path on the worker's disk is no longer a param of anything.
      ['safety_benchmarks', { benchmarkFiles: { bbq: '/etc/passwd' } }, 'staging/security/safety_benchmarks: unknown param "benchmarkFiles"'],
    ]
    for (const [i, [id, params, problem]] of cases.entries()) {
      const res = expectProblem(await hp.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: withParams(`typo-${i}`, id, params) }), 422)
      expect(res.problems.some((p: string) => p.startsWith(problem)), JSON.stringify(res.problems)).toBe(true)
      expect(res.detail).toContain(problem)
    }
    // The default params themselves are accepted: proposed (202), in force once a second admin confirms.
    const proposed = await hp.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: withParams('defaults-again', 'unit_tests', {}) })
    expect(proposed.statusCode, proposed.body).toBe(202)
    const second = await hp.key('second-admin', ['admin'])
    const confirmed = await hp.request(second, { method: 'POST', url: `/v1/changes/${proposed.json().id}/confirm` })
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    expect((await hp.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })).json().policy.version).toBe('defaults-again')
  })
})
