// No single admin can lower the bar: the governance floor no policy may remove, and changes
// to the policy, a model's owner or risk profile, and the trusted keys held pending until a
// second admin confirms them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_POLICY } from '../../src/core/default-policy.js'
import type { Policy } from '../../src/domain/policy.js'
import { governanceFloorViolations } from '../../src/domain/governance-floor.js'
import { confirmChange, SECOND_ADMIN } from '../helpers/changes.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { startLocalIdp, type LocalIdp } from '../helpers/identity-provider.js'
import { registerModel } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'
import { makeKey } from '../provenance/fixtures.js'

const variant = (version: string, edit: (p: Policy) => void): Policy => {
  const p = structuredClone(DEFAULT_POLICY)
  p.version = version
  edit(p)
  return p
}
const tier = (p: Policy, env: 'dev' | 'staging' | 'prod', name: string) => p.environments[env].tiers.find((t) => t.tier === name)!

const LOWERED: Record<string, Policy> = {
  'prod without the governance tier': variant('low-1', (p) => { p.environments.prod.tiers = p.environments.prod.tiers.filter((t) => t.tier !== 'governance') }),
  'prod without deployment_authorization': variant('low-2', (p) => { tier(p, 'prod', 'governance').checks = tier(p, 'prod', 'governance').checks.filter((c) => c.id !== 'deployment_authorization') }),
  'security_scan that ignores critical findings': variant('low-3', (p) => { tier(p, 'staging', 'automated').checks.find((c) => c.id === 'security_scan')!.params.failOn = ['high'] }),
  'dev without security_scan': variant('low-4', (p) => { tier(p, 'dev', 'automated').checks = tier(p, 'dev', 'automated').checks.filter((c) => c.id !== 'security_scan') }),
  'staging without red_team_report': variant('low-5', (p) => { tier(p, 'staging', 'security').checks = tier(p, 'staging', 'security').checks.filter((c) => c.id !== 'red_team_report') }),
  'prod without data_provenance': variant('low-6', (p) => { tier(p, 'prod', 'security').checks = tier(p, 'prod', 'security').checks.filter((c) => c.id !== 'data_provenance') }),
}

describe('the governance floor (pure)', () => {
  it('holds for the default policy and names the rule each lowered policy breaks', () => {
    expect(governanceFloorViolations(DEFAULT_POLICY)).toEqual([])
    for (const [name, policy] of Object.entries(LOWERED)) {
      const v = governanceFloorViolations(policy)
      expect(v.length, name).toBeGreaterThan(0)
      expect(v.every((s) => s.startsWith('governance floor:')), name).toBe(true)
    }
    expect(governanceFloorViolations(LOWERED['security_scan that ignores critical findings']!)).toEqual(['governance floor: staging/security_scan must fail on critical findings (the artifact deny list always applies)'])
  })
})

describe('governed changes without an IdP', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness({ policy: 'stored' })
    await registerModel(h, 'credit', 'credit-team', { userFacing: false, handlesPii: false, financialImpact: false })
  })
  afterAll(async () => h?.close())

  it('refuses a policy below the floor (422 naming the rule) and stores nothing', async () => {
    for (const [name, policy] of Object.entries(LOWERED)) {
      const res = expectProblem(await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: policy }), 422)
      expect(res.detail, name).toMatch(/governance floor/)
    }
    expect(await h.db.prisma.pendingChange.count()).toBe(0)
  })

  it('a policy proposed by one admin is pending until another admin confirms; the proposer cannot', async () => {
    const stricter = variant('stricter-1', (p) => { tier(p, 'dev', 'automated').checks.find((c) => c.id === 'unit_tests')!.params.minTests = 5 })
    const proposed = await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: stricter })
    expect(proposed.statusCode, proposed.body).toBe(202)
    const id = proposed.json().id
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })).json().policy.version).toBe(DEFAULT_POLICY.version)
    expect(expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/changes/${id}/confirm` }), 403).rule).toBe('two_admins')
    expectProblem(await h.request(await h.key('ops-viewer', ['viewer']), { method: 'POST', url: `/v1/changes/${id}/confirm` }), 403)
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/changes?status=pending' })).json().items.map((c: { id: string }) => c.id)).toEqual([id])

    const applied = await confirmChange(h, proposed)
    expect(applied).toMatchObject({ status: 'applied', proposedBy: 'admin', confirmedBy: SECOND_ADMIN })
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })).json().policy.version).toBe('stricter-1')
    expectProblem(await h.request(await h.key(SECOND_ADMIN, ['admin']), { method: 'POST', url: `/v1/changes/${id}/confirm` }), 409)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/changes/00000000-0000-0000-0000-000000000000/confirm' }), 404)
    const actions = (await h.db.prisma.auditEvent.findMany({ where: { action: { in: ['change.proposed', 'change.confirmed', 'policy.changed'] } }, orderBy: { seq: 'asc' } })).map((e) => `${e.action}:${e.actor}`)
    expect(actions).toEqual(['change.proposed:admin', 'policy.changed:second-admin', 'change.confirmed:second-admin'])
  })

  it('a model\'s owner and risk profile change only on confirmation, and only to an owner who can sign', async () => {
    await h.key('new-owner', ['model_owner'])
    const proposed = await h.request(ADMIN_KEY, { method: 'PATCH', url: '/v1/models/credit', payload: { owner: 'new-owner', riskProfile: { userFacing: true, handlesPii: false, financialImpact: true } } })
    expect(proposed.statusCode, proposed.body).toBe(202)
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/models/credit' })).json().owner).toBe('credit-team')
    await confirmChange(h, proposed)
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/models/credit' })).json()).toMatchObject({ owner: 'new-owner', riskProfile: { userFacing: true, financialImpact: true } })
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'model.updated', model: 'credit' } })).toBe(1)

    expectProblem(await h.request(ADMIN_KEY, { method: 'PATCH', url: '/v1/models/credit', payload: { owner: 'ghost' } }), 422)
    expectProblem(await h.request(ADMIN_KEY, { method: 'PATCH', url: '/v1/models/nope', payload: { owner: 'new-owner' } }), 404)
    expectProblem(await h.request(ADMIN_KEY, { method: 'PATCH', url: '/v1/models/credit', payload: {} }), 400)
    expectProblem(await h.request(await h.key('new-owner', ['model_owner']), { method: 'PATCH', url: '/v1/models/credit', payload: { riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } }), 403)
  })

  it('a trusted key is not trusted until confirmed', async () => {
    const key = makeKey('ed25519')
    const proposed = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: key.publicPem } })
    expect(proposed.statusCode).toBe(202)
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/trusted-keys' })).json().items).toEqual([])
    // A retry by the same admin returns the same pending change rather than a second one.
    const retried = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: key.publicPem } })
    expect(retried.statusCode).toBe(200)
    expect(retried.json().id).toBe(proposed.json().id)
    await confirmChange(h, proposed)
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/trusted-keys' })).json().items.map((k: { keyId: string }) => k.keyId)).toEqual([key.keyId])
    const after = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: key.publicPem } })
    expect(after.statusCode).toBe(200)
    expect(after.json()).toMatchObject({ id: proposed.json().id, status: 'applied' })
    // Another admin, or another scope: the key is already trusted.
    expectProblem(await h.request(await h.key(SECOND_ADMIN, ['admin']), { method: 'POST', url: '/v1/trusted-keys', payload: { pem: key.publicPem } }), 409)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: key.publicPem, scope: { models: ['x'] } } }), 409)
  })
})

describe('governed changes with an IdP', () => {
  let idp: LocalIdp
  let h: Harness
  beforeAll(async () => {
    idp = await startLocalIdp()
    h = await startHarness({ policy: 'stored', env: idp.env('url') })
  })
  afterAll(async () => {
    await h?.close()
    await idp?.close()
  })

  it('a second admin key minted by the first cannot confirm; an admin signed in through the IdP can', async () => {
    const proposed = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: makeKey('p256').publicPem } })
    expect(proposed.statusCode).toBe(202)
    const id = proposed.json().id
    const standIn = await h.key('stand-in-admin', ['admin'])
    expectProblem(await h.request(standIn, { method: 'POST', url: `/v1/changes/${id}/confirm` }), 403)
    const admin = await idp.token({ sub: 'grace', groups: ['admin'] })
    const res = await h.request(admin, { method: 'POST', url: `/v1/changes/${id}/confirm` })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ status: 'applied', confirmedBy: 'oidc:grace' })
  })
})
