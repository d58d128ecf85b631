// Schema-derived fuzzing of the whole API: at least 10,000 requests generated from
// openapi/openapi.json and mutated (see openapi-requests.ts), sent to the real app on a real
// Postgres and Redis. The service must never answer 5xx, never hang, and every answer must
// match what the document promises for that status (problem+json for errors).
// Reproduce a run with FUZZ_SEED=<seed printed below>; FUZZ_RUNS changes the count.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { operations, requestArbitrary, resolver, type FuzzRequest } from './openapi-requests.js'

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000)
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const PER_REQUEST_TIMEOUT_MS = 5_000
const CONCURRENCY = 4

const spec = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'))
const resolve = resolver(spec)
// FUZZ_OPS="POST /v1/promotions,PUT /v1/policy" narrows a run to some operations while investigating.
const ops = operations(spec).filter((o) => !process.env.FUZZ_OPS || process.env.FUZZ_OPS.split(',').includes(`${o.method} ${o.path}`))

// Response schemas, compiled once; references point into the document's components.
const ajv = new Ajv({ strict: false, allErrors: false, validateFormats: true })
addFormats.default(ajv)
ajv.addSchema(JSON.parse(JSON.stringify({ components: spec.components }), (k, v) => (k === '$id' ? undefined : v)), 'openapi')
const validators = new Map<string, ReturnType<typeof ajv.compile>>()
function validatorFor(schema: object): ReturnType<typeof ajv.compile> {
  const text = JSON.stringify(schema).replaceAll('"#/components/', '"openapi#/components/')
  let v = validators.get(text)
  if (!v) validators.set(text, (v = ajv.compile(JSON.parse(text))))
  return v
}

let h: Harness
const keys: Record<string, string> = {}

beforeAll(async () => {
  h = await startHarness({ env: { MODELGATE_RATE_LIMIT_PER_MINUTE: '100000000', MODELGATE_AUTH_FAILURES_PER_MINUTE: '100000000' } })
  for (const role of ['ci', 'model_owner', 'ml_lead', 'security_lead', 'compliance_officer', 'cto', 'red_team', 'viewer'] as const) keys[role] = await h.key(`fuzz-${role.replace('_', '-')}`, [role])
  keys.model_owner = await h.key('fuzz-model-owner', ['model_owner'])
  keys.admin = ADMIN_KEY
  keys.bogus = 'mg_not_a_key_at_all'
  // A little state, so generated ids and names sometimes hit real objects.
  const ok = async (p: Promise<{ statusCode: number; body: string }>) => {
    const res = await p
    if (res.statusCode >= 300) throw new Error(`fixture failed: ${res.statusCode} ${res.body}`)
    return JSON.parse(res.body)
  }
  // The model's owner is the fuzzing model_owner principal; its dataset is registered by it.
  await ok(h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name: 'fuzz-model', kind: 'classifier', owner: 'fuzz-model-owner', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } } }))
  await ok(h.request(keys.model_owner!, { method: 'POST', url: '/v1/datasets', payload: { name: 'fuzz-set', records: [{ input: 'a', label: 'x' }], models: ['fuzz-model'] } }))
  const promotion = await ok(h.request(keys.ci!, { method: 'POST', url: '/v1/promotions', payload: { model: 'fuzz-model', version: '1.0.0', targetEnvironment: 'dev', evidence: goodEvidence({ model: 'fuzz-model', version: '1.0.0' }) } }))
  const webhook = await ok(h.request(ADMIN_KEY, { method: 'POST', url: '/v1/webhooks', payload: { url: 'http://127.0.0.1:9/fuzz', events: ['promotion.blocked'], secret: 'fuzz-secret-0123456789' } }))
  known.id = [promotion.id, webhook.id]
}, 120_000)
afterAll(async () => h?.close())

const known: Record<string, string[]> = { name: ['fuzz-model'], version: ['1.0.0'], checkId: ['unit_tests', 'accuracy_benchmark'], filename: ['model.safetensors'], id: [] }
// Body fields that should often name what exists, so generated requests reach the database.
const HINTS = {
  model: ['fuzz-model'],
  dataset: ['fuzz-set'],
  version: ['1.0.0', '1.0.1', '2.0.0'],
  targetEnvironment: ['dev', 'dev', 'staging'],
  url: ['http://127.0.0.1:9/fuzz', 'http://localhost:9/x'],
  roles: [['ci'], ['viewer'], ['model_owner', 'ml_lead']],
}
// Mostly callers allowed to write (admin and ci cover most writes), then every other role and none.
const CALLERS = ['admin', 'admin', 'admin', 'ci', 'ci', 'ci', 'model_owner', 'ml_lead', 'security_lead', 'compliance_officer', 'cto', 'red_team', 'viewer', 'none', 'bogus']

interface Finding {
  request: string
  mutation: string
  caller: string
  status: number | 'timeout' | 'client error'
  problem: string
}

async function send(r: FuzzRequest): Promise<{ status: number; headers: Record<string, unknown>; body: string } | 'timeout' | Error> {
  const key = r.caller === 'none' ? null : keys[r.caller]!
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), PER_REQUEST_TIMEOUT_MS) })
  try {
    const res = await Promise.race([h.request(key, { method: r.method as 'GET', url: r.url, headers: r.headers, payload: r.payload }), timeout])
    return res === 'timeout' ? res : { status: res.statusCode, headers: res.headers, body: res.body }
  } catch (err) {
    return err as Error
  } finally {
    clearTimeout(timer)
  }
}

function judge(r: FuzzRequest, res: Awaited<ReturnType<typeof send>>): Finding | null {
  const base = { request: `${r.method} ${r.url.slice(0, 160)}`, mutation: r.mutation, caller: r.caller }
  if (res === 'timeout') return { ...base, status: 'timeout', problem: `no answer within ${PER_REQUEST_TIMEOUT_MS} ms` }
  if (res instanceof Error) return { ...base, status: 'client error', problem: res.message }
  if (res.status >= 500) return { ...base, status: res.status, problem: res.body.slice(0, 300) }
  const documented = r.op.responses[String(res.status)]
  if (!documented) return { ...base, status: res.status, problem: `status not documented for this operation: ${res.body.slice(0, 200)}` }
  const contentType = String(res.headers['content-type'] ?? '')
  if (res.status >= 400 && !contentType.startsWith('application/problem+json')) return { ...base, status: res.status, problem: `error without problem+json (${contentType})` }
  const schema = documented.content?.['application/json']?.schema
  if (!schema || !contentType.includes('json')) return null
  let body: unknown
  try {
    body = JSON.parse(res.body)
  } catch {
    return { ...base, status: res.status, problem: 'body is not JSON' }
  }
  const validate = validatorFor(schema)
  if (!validate(body)) return { ...base, status: res.status, problem: `response does not match its schema: ${ajv.errorsText(validate.errors)}` }
  return null
}

describe('the API under schema-derived fuzzing', () => {
  it('the judge itself flags a 5xx, a hang, an undocumented status and a body its schema refuses', () => {
    const op = ops.find((o) => o.method === 'GET' && o.path === '/v1/policy') ?? ops[0]!
    const r: FuzzRequest = { op, method: op.method, url: op.path, headers: {}, payload: undefined, mutation: 'none', caller: 'admin' }
    const problem = (status: number) => ({ status, headers: { 'content-type': 'application/problem+json' }, body: JSON.stringify({ type: 'urn:x', title: 'x', status, detail: 'x' }) })
    expect(judge(r, problem(500))?.status).toBe(500)
    expect(judge(r, 'timeout')?.status).toBe('timeout')
    expect(judge(r, problem(418))?.problem).toMatch(/not documented/)
    expect(judge(r, { status: 401, headers: { 'content-type': 'application/json' }, body: '{}' })?.problem).toMatch(/problem\+json/)
    if (op.path === '/v1/policy') expect(judge(r, { status: 200, headers: { 'content-type': 'application/json' }, body: '{"policy":1}' })?.problem).toMatch(/does not match its schema/)
    expect(judge(r, problem(401))).toBeNull()
  })

  it(`answers ${RUNS} mutated requests without a 5xx, a hang, or an undocumented answer`, async () => {
    const started = performance.now()
    const samples = fc.sample(requestArbitrary(ops, resolve, known, CALLERS, HINTS), { numRuns: RUNS, seed: SEED })
    const findings: Finding[] = []
    const byStatus = new Map<string, number>()
    let sent = 0
    let next = 0
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < samples.length) {
        const r = samples[next++]!
        const res = await send(r)
        sent++
        const label = res === 'timeout' ? 'timeout' : res instanceof Error ? 'client error' : String(res.status)
        byStatus.set(label, (byStatus.get(label) ?? 0) + 1)
        if (process.env.FUZZ_DEBUG && r.mutation === 'none' && typeof res === 'object' && !(res instanceof Error)) console.log(r.caller, res.status, res.body.slice(0, 220))
        const finding = judge(r, res)
        if (finding) findings.push(finding)
      }
    }))
    const seconds = (performance.now() - started) / 1000
    const fiveXX = [...byStatus].filter(([s]) => /^5/.test(s)).reduce((n, [, c]) => n + c, 0)
    console.log(JSON.stringify({ seed: SEED, requests: sent, fiveXX, timeouts: byStatus.get('timeout') ?? 0, findings: findings.length, seconds: Math.round(seconds * 10) / 10, byStatus: Object.fromEntries([...byStatus].sort()) }))
    if (findings.length) {
      // One example per kind of finding (operation, status and the start of the problem).
      const kinds = new Map<string, Finding>()
      for (const f of findings) kinds.set(`${f.request.split(' ')[0]} ${f.request.split(' ')[1]!.split('?')[0]!.replace(/\/[^/]*[%0-9][^/]*/g, '/{x}')} ${f.status} ${f.problem.slice(0, 40)}`, f)
      console.log(JSON.stringify([...kinds.values()].slice(0, 60), null, 1))
    }
    expect(sent).toBe(RUNS)
    expect(RUNS).toBeGreaterThanOrEqual(Number(process.env.FUZZ_RUNS ? 1 : 10_000))
    expect(findings.slice(0, 25)).toEqual([])
  }, 600_000)
})
