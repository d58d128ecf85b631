// Input that used to reach Postgres or a recursive parser and come back as a 500: NUL bytes,
// lone surrogates, deep nesting, bigint-overflowing cursors, dates Postgres cannot hold.
// Each must be a 400 problem, and must change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'
import { exceedsJsonDepth, MAX_JSON_DEPTH } from '../../src/http/hostile-input.js'

let h: Harness
let ci: string
let lead: string
beforeAll(async () => {
  h = await startHarness()
  ci = await h.key('hostile-ci', ['ci'])
  // Datasets are registered by leads and owners, pinned to a model.
  lead = await h.key('hostile-lead', ['ml_lead'])
  await h.key('hostile-owner', ['model_owner'])
  const m = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'hostile-model', kind: 'classifier', owner: 'hostile-owner', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } })
  expect(m.statusCode, m.body).toBe(201)
})
afterAll(async () => h?.close())

const json = (payload: string) => ({ 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) })
const datasetCount = () => h.db.prisma.dataset.count()

describe('NUL bytes and lone surrogates', () => {
  it('refuses a NUL byte in a string deep inside a body, and stores nothing', async () => {
    const before = await datasetCount()
    const payload = JSON.stringify({ name: 'nul-set', records: [{ input: { nested: ['ok', 'bad\u0000value'] }, label: 'a' }] })
    const body = expectProblem(await h.request(lead, { method: 'POST', url: '/v1/datasets', headers: json(payload), payload }), 400)
    expect(body.detail).toMatch(/NUL/)
    expect(body.errors[0].path).toBe('body/records/0/input/nested/1')
    expect(await datasetCount()).toBe(before)
  })

  it('refuses a NUL byte in a field name', async () => {
    const payload = '{"name":"nul-key","records":[{"input":{"a\\u0000b":1},"label":"x"}]}'
    expectProblem(await h.request(lead, { method: 'POST', url: '/v1/datasets', headers: json(payload), payload }), 400)
  })

  it('refuses lone surrogates (high and low), accepts a proper pair', async () => {
    for (const s of ['\\ud800', 'x\\udc00y', '\\udbff\\u0041']) {
      const payload = `{"name":"surrogate-set","records":[{"input":"${s}","label":"a"}]}`
      const body = expectProblem(await h.request(lead, { method: 'POST', url: '/v1/datasets', headers: json(payload), payload }), 400)
      expect(body.detail).toMatch(/surrogate/)
    }
    const pair = '{"name":"emoji-set","models":["hostile-model"],"records":[{"input":"\\ud83d\\ude00","label":"a"}]}'
    expect((await h.request(lead, { method: 'POST', url: '/v1/datasets', headers: json(pair), payload: pair })).statusCode).toBe(201)
  })

  it('refuses %00 in a path parameter', async () => {
    const res = await h.request(ci, { method: 'GET', url: '/v1/promotions/00000000-0000-0000-0000-000000000000/checks/acc%00uracy/cases' })
    expect(expectProblem(res, 400).detail).toMatch(/path parameter "checkId" contains a NUL/)
    expectProblem(await h.request(ci, { method: 'GET', url: '/v1/models/abc%00' }), 400)
  })

  it('refuses %00 and encoded lone surrogates in the query string', async () => {
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?actor=a%00b' }), 400)
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?a%00=1' }), 400)
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/remediation-tickets?model=x&model=y%00' }), 400)
    // %ED%A0%80 is a UTF-8-encoded surrogate: never valid, never a 500.
    const res = await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?actor=%ED%A0%80' })
    expect(res.statusCode).toBeLessThan(500)
  })

  it('refuses __proto__ in a body', async () => {
    const payload = '{"name":"proto-set","records":[{"input":{"__proto__":{"admin":true}},"label":"a"}]}'
    expectProblem(await h.request(lead, { method: 'POST', url: '/v1/datasets', headers: json(payload), payload }), 400)
  })
})

describe('JSON nesting', () => {
  it('measures depth on the raw text, ignoring brackets inside strings', () => {
    expect(exceedsJsonDepth('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH))).toBe(false)
    expect(exceedsJsonDepth('['.repeat(MAX_JSON_DEPTH + 1))).toBe(true)
    expect(exceedsJsonDepth(`{"a":"${'['.repeat(1000)}\\"["}`)).toBe(false)
  })

  it('refuses a 10,000-deep body with 400', async () => {
    const payload = `{"name":"deep","records":[{"input":${'['.repeat(10_000)}${']'.repeat(10_000)},"label":"a"}]}`
    expect(expectProblem(await h.request(lead, { method: 'POST', url: '/v1/datasets', headers: json(payload), payload }), 400).detail).toMatch(/nested deeper than 64/)
  })

  it('refuses a 1M-deep 2 MB body fast, before any recursion', async () => {
    const payload = '['.repeat(1_000_000) + ']'.repeat(1_000_000)
    expect(payload.length).toBe(2_000_000)
    const started = performance.now()
    const res = await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', headers: json(payload), payload })
    const ms = performance.now() - started
    expectProblem(res, 400)
    // Parsing it used to take about a second of CPU; the scan stops after 65 characters.
    expect(ms).toBeLessThan(250)
  })

  it('still accepts ordinary nesting (a policy document)', async () => {
    const res = await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/policy' })
    const payload = JSON.stringify({ ...res.json().policy, version: 'nesting-ok' })
    // Accepted as a proposal (the two-admin rule puts it in force once confirmed).
    expect((await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', headers: json(payload), payload })).statusCode).toBe(202)
  })
})

describe('cursors and dates outside Postgres ranges', () => {
  it('refuses a sequence cursor that overflows bigint', async () => {
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?cursor=99999999999999999999' }), 400)
    expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?cursor=9223372036854775808' }), 400)
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/audit?cursor=922337203685477580' })).statusCode).toBe(200)
  })

  it('refuses a list cursor holding a date Postgres cannot store', async () => {
    const forge = (at: string) => Buffer.from(`${at}|00000000-0000-4000-8000-000000000000`).toString('base64url')
    for (const at of ['+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '0000-01-01T00:00:00.000Z']) {
      expectProblem(await h.request(ci, { method: 'GET', url: `/v1/promotions?cursor=${forge(at)}` }), 400)
      expectProblem(await h.request(ci, { method: 'GET', url: `/v1/remediation-tickets?cursor=${forge(at)}` }), 400)
    }
    expect((await h.request(ci, { method: 'GET', url: `/v1/promotions?cursor=${forge('2026-01-01T00:00:00.000Z')}` })).statusCode).toBe(200)
  })

  it('refuses date-time filters Postgres cannot hold', async () => {
    for (const at of ['0000-01-01T00:00:00Z', '2026-01-01T00:00:00+23:59', '2016-12-31T23:59:60Z', '12026-01-01T00:00:00Z']) {
      expectProblem(await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/audit?from=${encodeURIComponent(at)}` }), 400)
    }
    expect((await h.request(ADMIN_KEY, { method: 'GET', url: `/v1/audit?from=${encodeURIComponent('0001-01-01T00:00:00+14:00')}` })).statusCode).toBe(200)
  })
})
