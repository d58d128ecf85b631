// Human identities from the organization's identity provider: tokens verified against its
// JWKS (served over HTTP, or read from a file), approval roles only from its tokens, and no
// admin able to mint a key that acts as someone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { startLocalIdp, unsignedToken, type LocalIdp } from '../helpers/identity-provider.js'
import { awaitingApproval } from '../helpers/factories.js'
import { approve } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

let idp: LocalIdp
let h: Harness
beforeAll(async () => {
  idp = await startLocalIdp()
  h = await startHarness({ worker: true, env: idp.env('url') })
})
afterAll(async () => {
  await h?.close()
  await idp?.close()
})

const whoami = (token: string) => h.request(token, { method: 'GET', url: '/v1/promotions' })

describe('identity tokens', () => {
  it('accepts a token the IdP signed for this audience, and names the principal oidc:<sub>', async () => {
    const token = await idp.token({ sub: 'alice', groups: ['viewer'] })
    expect((await whoami(token)).statusCode).toBe(200)
    const principal = await h.db.prisma.principal.findUniqueOrThrow({ where: { name: 'oidc:alice' } })
    expect(principal).toMatchObject({ source: 'oidc', roles: ['viewer'] })
  })

  it('refuses expired, wrong-audience, wrong-issuer, wrong-key and unsigned tokens (401)', async () => {
    const cases = {
      expired: await idp.token({ sub: 'bob', groups: ['viewer'] }, { expiresIn: Math.floor(Date.now() / 1000) - 60 }),
      audience: await idp.token({ sub: 'bob', groups: ['viewer'] }, { audience: 'another-service' }),
      issuer: await idp.token({ sub: 'bob', groups: ['viewer'] }, { issuer: 'https://evil.example/' }),
      key: await idp.token({ sub: 'bob', groups: ['viewer'] }, { key: 'stranger' }),
      none: unsignedToken({ sub: 'bob', groups: ['admin'] }),
    }
    const details: Record<string, string> = {}
    for (const [name, token] of Object.entries(cases)) details[name] = expectProblem(await whoami(token), 401).detail
    expect(details.expired).toMatch(/expired/)
    expect(details.audience).toMatch(/aud/)
    expect(details.issuer).toMatch(/iss/)
    expect(await h.db.prisma.principal.count({ where: { name: 'oidc:bob' } })).toBe(0)
  })

  it('maps roles from the groups claim: no known group, no access', async () => {
    const token = await idp.token({ sub: 'carol', groups: ['finance', 'everyone'] })
    expectProblem(await whoami(token), 403)
  })

  it('reads the JWKS from a file for offline use', async () => {
    const offline = await startHarness({ env: idp.env('file') })
    try {
      const token = await idp.token({ sub: 'dave', groups: ['viewer'] })
      expect((await offline.request(token, { method: 'GET', url: '/v1/promotions' })).statusCode).toBe(200)
      expectProblem(await offline.request(await idp.token({ sub: 'dave', groups: ['viewer'] }, { key: 'stranger' }), { method: 'GET', url: '/v1/promotions' }), 401)
    } finally {
      await offline.close()
    }
  })

  it('without an IdP, a token-shaped bearer is refused (401), never looked up as a key', async () => {
    const plain = await startHarness()
    try {
      const token = await idp.token({ sub: 'erin', groups: ['admin'] })
      expect(expectProblem(await plain.request(token, { method: 'GET', url: '/v1/promotions' }), 401).detail).toMatch(/no identity provider/)
    } finally {
      await plain.close()
    }
  })
})

describe('API keys while an IdP is configured', () => {
  it('refuses approval roles on keys, naming the rule (422); CI keys are fine', async () => {
    for (const role of ['model_owner', 'ml_lead', 'security_lead', 'compliance_officer', 'cto', 'red_team']) {
      const res = expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: `stand-in-${role}`, roles: [role] } }), 422)
      expect(res.detail).toMatch(/approval roles come only from the identity provider/)
      expect(res.rule).toBe('approval_roles_from_idp')
    }
    expect((await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'pipeline', roles: ['ci'] } })).statusCode).toBe(201)
  })

  it('refuses a key for a name that already acts (409), for an IdP subject (400) and for system names (422)', async () => {
    expect(expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'pipeline', roles: ['ci'] } }), 409).rule).toBe('no_impersonation')
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'admin', roles: ['admin'] } }), 409)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name: 'oidc:alice', roles: ['ci'] } }), 400)
    for (const name of ['modelgate', 'Modelgate-worker', 'system']) {
      expect(expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/api-keys', payload: { name, roles: ['viewer'] } }), 422).rule).toBe('reserved_name')
    }
  })
})

describe('a prod promotion signed with IdP identities', () => {
  it('the owner named as an IdP group authorises through a member; stand-ins cannot sign', async () => {
    const redTeam = await idp.token({ sub: 'rt-1', groups: ['red_team'] })
    const register = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'idp-model', kind: 'classifier', owner: 'group:fraud-owners', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
    expect(register.statusCode, register.body).toBe(201)
    // What follows is about who may sign, not about the gates: the prod promotion is put
    // straight at its approvals.
    const p = await awaitingApproval(h, { model: 'idp-model', version: '1.0.0' })
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/promotions/${p.id}` })).json().status).toBe('awaiting_approval')
    // The red team signs in through the IdP as well.
    const attestation = await h.request(redTeam, { method: 'POST', url: '/v1/models/idp-model/versions/1.0.0/attestations', payload: { kind: 'red-team', verdict: 'pass', reportUri: 's3://red-team/idp-model/1.0.0.pdf' } })
    expect(attestation.statusCode, attestation.body).toBe(201)

    const lead = await idp.token({ sub: 'lena', groups: ['ml_lead'] })
    const outsider = await idp.token({ sub: 'omar', groups: ['model_owner', 'other-owners'] })
    const member = await idp.token({ sub: 'mia', groups: ['model_owner', 'fraud-owners'] })
    expectProblem(await approve(h, outsider, p.id, 'model_owner'), 403)
    expect((await approve(h, lead, p.id, 'ml_lead')).statusCode).toBe(201)
    const last = await approve(h, member, p.id, 'model_owner')
    expect(last.statusCode, last.body).toBe(201)
    expect(last.json().promotion.status).toBe('promoted')
    expect(last.json().approval.principal).toBe('oidc:mia')
  })
})
