// Adding a check is one file and one catalog line: a check added that way shows up in the
// default policy, in policy validation, in the request's evidence schema, in the README
// table, and is run and recorded by a real promotion.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATALOG, createCatalog } from '../../src/core/check-catalog.js'
import { checksTable, passesWhen, withChecksTable } from '../../src/core/checks-table.js'
import { defaultPolicy, DEFAULT_POLICY } from '../../src/core/default-policy.js'
import { validatePolicy } from '../../src/core/policy-validation.js'
import { licenseCheck } from '../fixtures/license-check.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, requestPromotion, settle } from '../helpers/journey.js'
import { evidencePolicy } from '../helpers/policies.js'
import { expectProblem } from '../helpers/problem.js'

const catalog = createCatalog([licenseCheck])

describe('the catalog', () => {
  it('puts a new check in every environment its entry names, with its default params', () => {
    const policy = defaultPolicy(catalog)
    for (const env of ['dev', 'staging', 'prod'] as const) {
      const automated = policy.environments[env].tiers.find((t) => t.tier === 'automated')!
      expect(automated.checks.at(-1)).toEqual({ id: 'license_allowed', params: { allowed: ['MIT', 'Apache-2.0'] }, severity: 'medium' })
    }
    expect(policy.version).not.toBe(DEFAULT_POLICY.version)
    expect(DEFAULT_POLICY.environments.dev.tiers.flatMap((t) => t.checks).some((c) => c.id === 'license_allowed')).toBe(false)
  })

  it('validates a policy naming the new check against its params schema', () => {
    const policy = defaultPolicy(catalog)
    expect(validatePolicy(policy, catalog)).toEqual([])
    expect(validatePolicy(policy, CATALOG)).toContain('dev/automated: unknown check "license_allowed"')
    policy.environments.dev.tiers[0]!.checks.at(-1)!.params = { allowed: 'MIT', alowed: [] }
    expect(validatePolicy(policy, catalog)).toEqual(['dev/automated/license_allowed: unknown param "alowed"', 'dev/automated/license_allowed: param "allowed" must be array'])
  })

  it('lists it in the README table, and the committed README is the one the catalog gives', () => {
    expect(checksTable(catalog)).toContain('| `license_allowed` | automated | dev, staging, prod | medium | `evidence.license` | the SPDX id in `evidence.license` is on the allowed list (MIT, Apache-2.0) |')
    expect(checksTable(CATALOG)).not.toContain('license_allowed')
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    expect(withChecksTable(readme, CATALOG), 'README.md is stale: run `npm run readme:checks`').toBe(readme)
  })

  it('gives every check at least one environment and says when it passes; ids are unique', () => {
    for (const c of CATALOG.checks) {
      expect(c.environments.length, c.id).toBeGreaterThan(0)
      expect(passesWhen(c).length, c.id).toBeGreaterThan(10)
    }
    expect(() => createCatalog([licenseCheck, licenseCheck])).toThrow(/share an id/)
  })
})

describe('a promotion under a catalog with the new check', () => {
  let h: Harness
  let ci: string
  beforeAll(async () => {
    h = await startHarness({ catalog, worker: true, policy: evidencePolicy({ base: defaultPolicy(catalog) }) })
    ci = await h.key('ci', ['ci'])
    await registerModel(h, 'licensed', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
  })
  afterAll(async () => h?.close())

  it('accepts the new evidence kind, runs the check and records its result', async () => {
    const passed = await settle(h, ci, await requestPromotion(h, ci, 'licensed', '1.0.0', 'dev', { ...goodEvidence({ model: 'licensed', version: '1.0.0' }), license: 'MIT' }))
    expect(passed.status, passed.failureSummary).toBe('promoted')
    expect(passed.gates[0].checks.find((c: { id: string }) => c.id === 'license_allowed')).toMatchObject({ status: 'passed', measured: { license: 'MIT' } })

    const blocked = await settle(h, ci, await requestPromotion(h, ci, 'licensed', '1.0.1', 'dev', { ...goodEvidence({ model: 'licensed', version: '1.0.1' }), license: 'GPL-3.0-only' }))
    expect(blocked.status).toBe('blocked')
    expect(blocked.failureSummary).toContain('licence GPL-3.0-only is not allowed')
  })

  it('refuses a policy whose new check has a mistyped param, naming it', async () => {
    const policy = defaultPolicy(catalog)
    policy.version = 'license-typo'
    policy.environments.prod.tiers[0]!.checks.at(-1)!.params = { allowed: 'MIT' }
    const res = expectProblem(await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: policy }), 422)
    expect(res.problems).toEqual(['prod/automated/license_allowed: param "allowed" must be array'])
  })

  it('refuses the new evidence kind on a service whose catalog lacks the check', async () => {
    const plain = await startHarness()
    try {
      await registerModel(plain, 'licensed', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
      const key = await plain.key('ci', ['ci'])
      const res = await plain.request(key, { method: 'POST', url: '/v1/promotions', payload: { model: 'licensed', version: '1.0.0', targetEnvironment: 'dev', evidence: { ...goodEvidence({ model: 'licensed', version: '1.0.0' }), license: 'MIT' } } })
      expectProblem(res, 400)
    } finally {
      await plain.close()
    }
  })
})
