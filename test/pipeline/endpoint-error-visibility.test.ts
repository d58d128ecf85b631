// What a failing model endpoint says about itself (stack traces, hosts, data) is kept, cut to
// 500 characters, and shown only to the requester, the model's owner and the lead roles.
// Everyone else, and the failure summary every role reads, gets the service's own account.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goodEvidence } from '../helpers/evidence.js'
import { startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, settle } from '../helpers/journey.js'
import { evidencePolicy } from '../helpers/policies.js'

const MARKER = 'Traceback: db=prod-db-7.internal password=hunter2'
const BODY = `${MARKER} ${'x'.repeat(2000)}`

let h: Harness
let server: Server
let url = ''
beforeAll(async () => {
  h = await startHarness({ worker: true, policy: evidencePolicy({ keep: ['accuracy_benchmark'] }), env: { MODELGATE_EVAL_RETRIES: '0' } })
  server = createServer((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end(BODY))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/invocations`
}, 60_000)
afterAll(async () => {
  await new Promise((r) => server.close(r))
  await h?.close()
})

const accuracy = (view: { gates: Array<{ checks: Array<{ id: string; details: any }> }> }) => view.gates.flatMap((g) => g.checks).find((c) => c.id === 'accuracy_benchmark')!

describe('an endpoint error in a blocked promotion', () => {
  it('is truncated and shown to the requester, the owner and leads only', async () => {
    const ci = await h.key('fraud-ci', ['ci'])
    await registerModel(h, 'fraud-model', 'fraud-owner', { userFacing: false, handlesPii: false, financialImpact: false })
    const owner = await h.key('fraud-owner', ['model_owner'])
    const mlLead = await h.key('lead-ml', ['ml_lead'])
    const securityLead = await h.key('lead-security', ['security_lead'])
    const viewer = await h.key('watcher', ['viewer'])
    const otherCi = await h.key('other-ci', ['ci'])
    const compliance = await h.key('compliance', ['compliance_officer'])
    const otherOwner = await h.key('other-owner', ['model_owner'])
    // A dataset that meets the policy's minimums, so the endpoint is actually called.
    const records = Array.from({ length: 100 }, (_, i) => ({ input: `transaction ${i}`, label: i % 2 ? 'x' : 'y' }))
    const ds = await h.request(owner, { method: 'POST', url: '/v1/datasets', payload: { name: 'fraud-set', records, models: ['fraud-model'] } })
    expect(ds.statusCode, ds.body).toBe(201)

    const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'fraud-model', version: '1.0.0', targetEnvironment: 'dev', endpoint: { protocol: 'mlflow-invocations', url }, evaluation: { dataset: 'fraud-set' }, evidence: goodEvidence({ model: 'fraud-model', version: '1.0.0' }) } })
    expect(res.statusCode, res.body).toBe(202)
    const id = res.json().id
    const asRequester = await settle(h, ci, id, ['blocked', 'promoted'])
    expect(asRequester.status).toBe('blocked')

    for (const key of [ci, owner, mlLead, securityLead]) {
      const view = (await h.request(key, { method: 'GET', url: `/v1/promotions/${id}` })).json()
      const details = accuracy(view).details
      expect(details.endpointResponse.startsWith(MARKER)).toBe(true)
      expect(details.endpointResponse).toHaveLength(500)
      expect(details.error).toMatch(/answered 500/)
      expect(details.error).not.toContain(MARKER)
      expect(view.failureSummary).not.toContain(MARKER)
    }
    for (const key of [viewer, otherCi, compliance, otherOwner]) {
      const raw = (await h.request(key, { method: 'GET', url: `/v1/promotions/${id}` })).body
      expect(raw).not.toContain('hunter2')
      const view = JSON.parse(raw)
      const details = accuracy(view).details
      expect(details.endpointResponse).toBeNull()
      expect(details.endpointResponseHidden).toMatch(/requester/)
      // The summary is still there for everyone: what failed, and the status it answered.
      expect(details.error).toMatch(/answered 500/)
      expect(view.failureSummary).toMatch(/accuracy_benchmark/)
    }
    // Nothing else a non-entitled role can read carries it: tickets and the promotion list.
    const tickets = (await h.request(viewer, { method: 'GET', url: '/v1/remediation-tickets' })).body
    const list = (await h.request(viewer, { method: 'GET', url: '/v1/promotions' })).body
    const audit = (await h.request(viewer, { method: 'GET', url: `/v1/audit?promotionId=${id}` })).body
    expect(audit).toContain('promotion.blocked')
    expect(audit).not.toContain('hunter2')
    expect(tickets).not.toContain('hunter2')
    expect(list).not.toContain('hunter2')
  })
})
