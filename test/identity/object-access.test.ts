// Object-level authorization, route by route: every route of the API is listed here (a new
// route fails this test until it is classified), and every action on one team's model or
// promotion is tried by a principal of another team.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tinySafetensors } from '../../samples/index.js'
import { checkApproval } from '../../src/domain/approval-rules.js'
import { requiredApprovals } from '../../src/domain/risk.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
const k: Record<string, string> = {}
const NO_RISK = { userFacing: false, handlesPii: false, financialImpact: false }

beforeAll(async () => {
  // No worker: promotions stay queued, so cancellation is always possible.
  h = await startHarness()
  await registerModel(h, 'alpha', 'alpha-owner', NO_RISK)
  await registerModel(h, 'beta', 'beta-owner', NO_RISK)
  k.alphaOwner = await h.key('alpha-owner', ['model_owner'])
  k.betaOwner = await h.key('beta-owner', ['model_owner'])
  k.alphaCi = await h.key('alpha-ci', ['ci'], { models: ['alpha'] })
  k.betaCi = await h.key('beta-ci', ['ci'], { models: ['beta'] })
  k.anyCi = await h.key('platform-ci', ['ci'])
  k.lead = await h.key('lead', ['ml_lead'])
})
afterAll(async () => h?.close())

const upload = (key: string, model: string, version = '1.0.0') =>
  h.request(key, { method: 'PUT', url: `/v1/models/${model}/versions/${version}/artifacts/model.safetensors`, headers: { 'content-type': 'application/octet-stream' }, payload: tinySafetensors() })
const promote = (key: string, model: string, version: string) =>
  h.request(key, { method: 'POST', url: '/v1/promotions', payload: { model, version, targetEnvironment: 'dev', evidence: goodEvidence({ model, version }) } })
const cancel = (key: string, id: string) => h.request(key, { method: 'POST', url: `/v1/promotions/${id}/cancel` })
const dataset = (key: string, name: string, models: string[]) =>
  h.request(key, { method: 'POST', url: '/v1/datasets', payload: { name, records: [{ input: 'a', label: 'x' }], models } })

/** Actions on team alpha's objects: another team is refused, alpha's own principals are not. */
const OBJECT_ACTIONS: Record<string, () => Promise<void>> = {
  'POST /v1/api-keys/{id}/revoke': async () => {
    const victim = await h.key('alpha-ci-spare', ['ci'], { models: ['alpha'] })
    const id = (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/api-keys?limit=100' })).json().items.find((i: { principal: string }) => i.principal === 'alpha-ci-spare').id
    // Another principal, even an owner of the same model, cannot revoke someone else's key.
    expectProblem(await h.request(k.betaCi!, { method: 'POST', url: `/v1/api-keys/${id}/revoke` }), 403)
    expectProblem(await h.request(k.alphaOwner!, { method: 'POST', url: `/v1/api-keys/${id}/revoke` }), 403)
    expect((await h.request(victim, { method: 'GET', url: '/v1/models' })).statusCode).toBe(200)
    expect((await h.request(victim, { method: 'POST', url: `/v1/api-keys/${id}/revoke` })).statusCode).toBe(200)
    expectProblem(await h.request(victim, { method: 'GET', url: '/v1/models' }), 401)
  },
  'POST /v1/api-keys/{id}/rotate': async () => {
    const id = (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/api-keys?limit=100' })).json().items.find((i: { principal: string }) => i.principal === 'alpha-ci').id
    expectProblem(await h.request(k.betaCi!, { method: 'POST', url: `/v1/api-keys/${id}/rotate`, payload: {} }), 403)
    expectProblem(await h.request(k.lead!, { method: 'POST', url: `/v1/api-keys/${id}/rotate`, payload: {} }), 403)
    expect(await h.db.prisma.apiKey.count({ where: { principal: { name: 'alpha-ci' } } })).toBe(1)
  },
  'POST /v1/remediation-tickets/{id}/resolve': async () => {
    // The ticket-journey tests drive blocked promotions; here the rule alone, on a ticket row.
    const p = (await promote(k.alphaCi!, 'alpha', '4.0.0')).json()
    const t = await h.db.prisma.remediationTicket.create({ data: { promotionId: p.id, model: 'alpha', version: '9.9.9', targetEnvironment: 'dev', severity: 'high', title: 't', summary: 's', failedChecks: [] } })
    const resolve = (key: string) => h.request(key, { method: 'POST', url: `/v1/remediation-tickets/${t.id}/resolve`, payload: { reason: 'fixed upstream' } })
    expectProblem(await resolve(k.betaOwner!), 403)
    expectProblem(await resolve(k.alphaCi!), 403)
    expect((await h.db.prisma.remediationTicket.findUniqueOrThrow({ where: { id: t.id } })).status).toBe('open')
    expect((await resolve(k.alphaOwner!)).statusCode).toBe(200)
  },
  'PUT /v1/models/{name}/versions/{version}/artifacts/{filename}': async () => {
    expectProblem(await upload(k.betaCi!, 'alpha'), 403)
    expectProblem(await upload(k.betaOwner!, 'alpha'), 403)
    expect((await upload(k.alphaCi!, 'alpha')).statusCode).toBe(201)
    expect((await upload(k.alphaOwner!, 'alpha', '1.0.1')).statusCode).toBe(201)
    // An unscoped CI key acts on any model (the README recommends scoping).
    expect((await upload(k.anyCi!, 'alpha', '1.0.2')).statusCode).toBe(201)
    expect(await h.db.prisma.artifactFile.count({ where: { uploadedBy: { in: ['beta-ci', 'beta-owner'] } } })).toBe(0)
  },
  'POST /v1/promotions': async () => {
    expectProblem(await promote(k.betaCi!, 'alpha', '2.0.0'), 403)
    expect(await h.db.prisma.promotion.count({ where: { requestedBy: 'beta-ci' } })).toBe(0)
    expect((await promote(k.alphaCi!, 'alpha', '2.0.0')).statusCode).toBe(202)
  },
  'POST /v1/promotions/{id}/cancel': async () => {
    const mine = (await promote(k.alphaCi!, 'alpha', '3.0.0')).json().id
    const other = (await promote(k.anyCi!, 'alpha', '3.0.1')).json().id
    expectProblem(await cancel(k.betaCi!, mine), 403)
    expectProblem(await cancel(k.betaOwner!, mine), 403)
    // Another pipeline's key, even one scoped to this model, cannot cancel what it did not request.
    expectProblem(await cancel(k.alphaCi!, other), 403)
    expect((await h.db.prisma.promotion.findUniqueOrThrow({ where: { id: mine } })).status).toBe('queued')
    expect((await cancel(k.alphaCi!, mine)).statusCode).toBe(200)
    expect((await cancel(k.alphaOwner!, other)).statusCode).toBe(200)
    const third = (await promote(k.alphaCi!, 'alpha', '3.0.2')).json().id
    expect((await cancel(ADMIN_KEY, third)).statusCode).toBe(200)
  },
  'POST /v1/promotions/{id}/rerun': async () => {
    // Put straight into blocked (no worker here): a re-run starts from a blocked promotion.
    const mine = (await promote(k.alphaCi!, 'alpha', '5.0.0')).json().id
    await h.db.prisma.promotion.update({ where: { id: mine }, data: { status: 'blocked', activeKey: null, decidedAt: new Date() } })
    const rerun = (key: string) => h.request(key, { method: 'POST', url: `/v1/promotions/${mine}/rerun` })
    expectProblem(await rerun(k.betaCi!), 403)
    expectProblem(await rerun(k.betaOwner!), 403)
    // Not the model's owner, nor another pipeline's key: only its requester or an admin.
    expectProblem(await rerun(k.alphaOwner!), 403)
    expectProblem(await rerun(k.anyCi!), 403)
    expect(await h.db.prisma.promotion.count({ where: { rerunOf: mine } })).toBe(0)
    const again = await rerun(k.alphaCi!)
    expect(again.statusCode, again.body).toBe(202)
    expect(again.json()).toMatchObject({ rerunOf: mine, requestedBy: 'alpha-ci' })
  },
  'POST /v1/datasets': async () => {
    expectProblem(await dataset(k.betaOwner!, 'beta-pins-alpha', ['alpha']), 403)
    expectProblem(await dataset(k.betaOwner!, 'beta-pins-both', ['beta', 'alpha']), 403)
    expectProblem(await dataset(k.alphaCi!, 'ci-data', ['alpha']), 403)
    expect((await dataset(k.alphaOwner!, 'alpha-data', ['alpha'])).statusCode).toBe(201)
    expect((await dataset(k.lead!, 'lead-data', ['alpha', 'beta'])).statusCode).toBe(201)
    // The name belongs to whoever registered it.
    expectProblem(await dataset(k.lead!, 'alpha-data', ['alpha']), 409)
  },
  'POST /v1/promotions/{id}/approvals': async () => {
    // The approval service applies this rule under its row lock; the journey tests drive it over HTTP.
    const principal = { id: 'b', name: 'beta-owner', roles: ['model_owner' as const] }
    const refusal = checkApproval({ principal, role: 'model_owner', requestedBy: 'alpha-ci', required: requiredApprovals('medium', 'alpha-owner'), existing: [] })
    expect(refusal?.status).toBe(403)
    expect(checkApproval({ principal: { ...principal, name: 'alpha-owner' }, role: 'model_owner', requestedBy: 'alpha-ci', required: requiredApprovals('medium', 'alpha-owner'), existing: [] })).toBeNull()
  },
}

/** Routes that act on no team's object: who may call them is the role check alone. */
const ROLE_ONLY: Record<string, 'admin' | 'any role' | 'public' | 'organization-wide role'> = {
  'GET /metrics': 'public', 'GET /healthz': 'public', 'GET /readyz': 'public', 'GET /v1/signing-key': 'public',
  'POST /v1/api-keys': 'admin', 'PUT /v1/policy': 'admin', 'POST /v1/webhooks': 'admin', 'GET /v1/webhooks/{id}/deliveries': 'admin',
  'POST /v1/webhooks/{id}/test': 'admin', 'POST /v1/trusted-keys': 'admin', 'PATCH /v1/models/{name}': 'admin', 'POST /v1/changes/{id}/confirm': 'admin',
  'GET /v1/trusted-keys': 'admin', 'GET /v1/audit': 'admin', 'GET /v1/audit/verify': 'admin', 'GET /v1/changes': 'admin',
  'GET /v1/audit/checkpoint': 'admin', 'GET /v1/audit/proofs/inclusion': 'admin', 'GET /v1/audit/proofs/consistency': 'admin',
  // Models are registered by owners for themselves or by admins; the owner must exist.
  'POST /v1/models': 'organization-wide role',
  // Red teams attest for the whole organization.
  'POST /v1/models/{name}/versions/{version}/attestations': 'organization-wide role',
  'GET /v1/models/{name}': 'any role', 'GET /v1/promotions': 'any role', 'GET /v1/promotions/{id}': 'any role',
  'GET /v1/promotions/{id}/checks/{checkId}/cases': 'any role', 'GET /v1/remediation-tickets': 'any role', 'GET /v1/policy': 'any role',
  'GET /v1/models/{name}/versions/{version}/artifacts': 'any role', 'GET /v1/promotions/{id}/attestation': 'any role',
  'GET /v1/models': 'any role', 'GET /v1/datasets': 'any role', 'GET /v1/models/{name}/versions/{version}/attestations': 'any role',
  'GET /v1/webhooks': 'admin', 'PATCH /v1/webhooks/{id}': 'admin', 'DELETE /v1/webhooks/{id}': 'admin',
  'GET /v1/api-keys': 'admin', 'DELETE /v1/trusted-keys/{keyId}': 'admin',
}

describe('every route is classified and checked against another team', () => {
  it('lists every route of the API in one table or the other', async () => {
    const spec = (h.app as unknown as { swagger(): { paths: Record<string, Record<string, unknown>> } }).swagger()
    const routes = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    const unclassified = routes.filter((r) => !(r in OBJECT_ACTIONS) && !(r in ROLE_ONLY))
    expect(unclassified).toEqual([])
    expect([...Object.keys(OBJECT_ACTIONS), ...Object.keys(ROLE_ONLY)].filter((r) => !routes.includes(r))).toEqual([])
  })

  for (const [route, action] of Object.entries(OBJECT_ACTIONS)) {
    it(`${route}: refused for another team, allowed for the model's own`, action)
  }

  it('admin routes refuse every team principal (403)', async () => {
    const fill = (path: string) => path.replace('{name}', 'alpha').replace('{id}', '00000000-0000-4000-8000-000000000000')
    for (const [route, who] of Object.entries(ROLE_ONLY)) {
      if (who !== 'admin') continue
      const [method, path] = route.split(' ') as [string, string]
      for (const key of [k.betaOwner!, k.betaCi!, k.lead!]) {
        const res = await h.request(key, { method: method as 'GET', url: fill(path), ...(method === 'GET' ? {} : { payload: {} }) })
        expect(res.statusCode, `${route}: ${res.body}`).toBe(403)
      }
    }
  })
})
