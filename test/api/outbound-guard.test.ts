// One guard for every outbound URL: model endpoints, output filters, judge models named in the
// policy and webhook receivers are refused by the same rules when declared (422), checked again
// before each call, and never followed through a redirect.
import { DEFAULT_DATASET_MINIMUMS } from '../../src/domain/policy-settings.js'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardOutboundUrl, OutboundUrlRefused, type OutboundPurpose } from '../../src/domain/endpoint-allowlist.js'
import { createEvaluationServices, NotEvaluable } from '../../src/evaluation/services.js'
import { EndpointError } from '../../src/evaluation/adapters/http-json.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'

const DEFAULT = ['127.0.0.1', 'localhost', '::1']
// Spellings of hosts outside the default allowlist, as an attacker would try them.
const HOSTILE = [
  'http://169.254.169.254/latest/meta-data',
  'http://0xa9fea9fe/', // 169.254.169.254 in hex
  'http://2852039166/', // the same, as one number
  'http://[::ffff:a9fe:a9fe]/', // IPv4-mapped IPv6
  'http://127.0.0.1.nip.io/',
  'http://127.0.0.1@evil.example/',
  'http://evil.example#@127.0.0.1/',
  'http://localhost.evil.example/',
  'file:///etc/passwd',
  'gopher://127.0.0.1:6379/_INFO',
]

let h: Harness
beforeAll(async () => {
  h = await startHarness({ policy: 'stored' })
})
afterAll(async () => h?.close())

describe('the guard itself', () => {
  it('refuses the same spellings for every purpose', () => {
    for (const purpose of ['model endpoint', 'output filter', 'judge model', 'webhook'] as OutboundPurpose[]) {
      for (const url of HOSTILE) expect(() => guardOutboundUrl(url, DEFAULT, purpose), `${purpose} ${url}`).toThrow(OutboundUrlRefused)
      expect(guardOutboundUrl('http://127.1:9000/x', DEFAULT, purpose)).toBe('http://127.1:9000/x') // canonicalises to 127.0.0.1
    }
  })
})

describe('declared URLs', () => {
  const policyWithJudge = async (version: string, judge: unknown) => {
    const current = (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })).json().policy
    const doc = structuredClone(current)
    doc.version = version
    for (const env of Object.values(doc.environments) as Array<{ tiers: Array<{ checks: Array<{ id: string; params: Record<string, unknown> }> }> }>) {
      for (const t of env.tiers) for (const c of t.checks) if (c.id === 'safety_benchmarks') c.params.judge = judge
    }
    return h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: doc })
  }

  it('refuses a judge URL outside the allowlist at policy PUT (422), and keeps the policy in force', async () => {
    const before = (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })).json().policy.version
    for (const url of HOSTILE) {
      const body = expectProblem(await policyWithJudge(`judge-bad-${HOSTILE.indexOf(url)}`, { url, model: 'judge' }), 422)
      expect(body.detail).toMatch(/params\/judge\/url refused/)
    }
    expectProblem(await policyWithJudge('judge-no-url', { model: 'judge' }), 422)
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })).json().policy.version).toBe(before)
    // Accepted as a proposal (in force once a second admin confirms it).
    expect((await policyWithJudge('judge-local', { url: 'http://127.0.0.1:9999/v1', model: 'judge' })).statusCode).toBe(202)
  })

  it('refuses a webhook URL outside the allowlist (422), whatever its spelling', async () => {
    for (const url of HOSTILE) {
      // Non-http schemes already fail the body schema (400); every http spelling reaches the guard.
      expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url, events: ['promotion.blocked'], secret: 'whsec-0123456789abcdef' } }), url.startsWith('http') ? 422 : 400)
    }
    expect(await h.db.prisma.webhook.count()).toBe(0)
  })
})

describe('at call time', () => {
  let target: Server
  let redirector: Server
  let targetHits = 0
  let targetUrl = ''
  let redirectUrl = ''
  beforeAll(async () => {
    target = createServer((_req, res) => {
      targetHits++
      res.setHeader('content-type', 'application/json').end('{"predictions":["a"]}')
    })
    redirector = createServer((_req, res) => res.writeHead(307, { location: targetUrl }).end())
    await Promise.all([target, redirector].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))))
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/invocations`
    redirectUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/invocations`
  })
  afterAll(async () => {
    await Promise.all([target, redirector].map((s) => new Promise((r) => s.close(r))))
  })

  const services = (allowlist: string[], endpointUrl: string, judgeUrl?: string) =>
    createEvaluationServices({
      modelKind: 'classifier',
      endpoint: { protocol: 'mlflow-invocations', url: endpointUrl },
      outputFilter: { protocol: 'openai-moderation', url: endpointUrl },
      datasetName: undefined,
      loadDataset: async () => null,
      datasetMinimums: DEFAULT_DATASET_MINIMUMS,
      settings: { concurrency: 2, batchSize: 8, http: { timeoutMs: 2000, retries: 0, backoffMs: 10 }, allowlist },
      judge: judgeUrl ? { url: judgeUrl, model: 'judge' } : undefined,
    })

  it('checks model, filter and judge URLs again before calling them (the allowlist may have changed)', () => {
    const ev = services(['models.internal'], targetUrl, 'http://169.254.169.254/v1')
    expect(() => ev.classifier()).toThrow(NotEvaluable)
    expect(() => ev.moderation()).toThrow(/output filter URL refused/)
    expect(() => ev.judge()).toThrow(/judge model URL refused/)
    expect(targetHits).toBe(0)
  })

  it('does not follow a redirect from an allowed host', async () => {
    const ev = services(DEFAULT, redirectUrl)
    await expect(ev.classifier().predict(['x'])).rejects.toThrow(EndpointError)
    await expect(ev.classifier().predict(['x'])).rejects.toThrow(/answered 307/)
    expect(targetHits).toBe(0)
    // The target itself answers, so a followed redirect would have been seen.
    expect(await services(DEFAULT, targetUrl).classifier().predict(['x'])).toEqual(['a'])
    expect(targetHits).toBe(1)
  })
})
