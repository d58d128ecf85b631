// Governed evaluation data: CI cannot choose what its model is judged on, a dataset must be
// pinned to the model it evaluates, and a dataset too small or too uniform to judge by makes
// every measured check fail with that reason, instead of letting a one-label model pass.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupHoldoutDataset, holdoutDataset } from '../../samples/index.js'
import { DEFAULT_DATASET_MINIMUMS } from '../../src/domain/policy-settings.js'
import { datasetShortfalls } from '../../src/domain/dataset-minimums.js'
import { runCheck } from '../helpers/evaluation.js'
import { goodEvidence } from '../helpers/evidence.js'
import { startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, settle } from '../helpers/journey.js'
import { evidencePolicy } from '../helpers/policies.js'
import { expectProblem } from '../helpers/problem.js'

/** A real mlflow-invocations server whose model answers "ham" to everything. */
async function startConstantClassifier(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c)).on('end', () => {
      const { inputs } = JSON.parse(body) as { inputs: unknown[] }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ predictions: inputs.map(() => 'ham') }))
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/invocations`, close: () => new Promise((r) => server.close(() => r())) }
}

let h: Harness
let model: Awaited<ReturnType<typeof startConstantClassifier>>
let ci: string
let owner: string

beforeAll(async () => {
  model = await startConstantClassifier()
  h = await startHarness({ worker: true, policy: evidencePolicy({ keep: ['accuracy_benchmark', 'bias_metrics'] }) })
  ci = await h.key('ci', ['ci'])
  owner = await h.key('mail-team', ['model_owner'])
  await registerModel(h, 'lazy-filter', 'mail-team', { userFacing: false, handlesPii: false, financialImpact: false })
  await registerModel(h, 'other-filter', 'other-team', { userFacing: false, handlesPii: false, financialImpact: false })
})
afterAll(async () => {
  await h?.close()
  await model?.close()
})

const register = (key: string, name: string, records: unknown[], models = ['lazy-filter']) => h.request(key, { method: 'POST', url: '/v1/datasets', payload: { name, records, models } })
async function promote(version: string, dataset: string) {
  const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'lazy-filter', version, targetEnvironment: 'dev', endpoint: { protocol: 'mlflow-invocations', url: model.url }, evaluation: { dataset }, evidence: goodEvidence({ model: 'lazy-filter', version }) } })
  expect(res.statusCode, res.body).toBe(202)
  return settle(h, ci, res.json().id, ['promoted', 'blocked'])
}
const check = (p: { gates: Array<{ checks: Array<{ id: string }> }> }, id: string) => p.gates.flatMap((g) => g.checks).find((c) => c.id === id) as unknown as { status: string; summary: string }

describe('who registers evaluation data', () => {
  it('CI cannot register a dataset (403); a promotion may only use a dataset pinned to its model (422)', async () => {
    const oneClass = holdoutDataset(600, 3).filter((r) => r.label === 'ham').slice(0, 150)
    expectProblem(await register(ci, 'ci-picked', oneClass), 403)
    expect((await register(await h.key('other-team', ['model_owner']), 'other-data', groupHoldoutDataset(100, 5), ['other-filter'])).statusCode).toBe(201)
    const res = expectProblem(await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'lazy-filter', version: '0.9.0', targetEnvironment: 'dev', endpoint: { protocol: 'mlflow-invocations', url: model.url }, evaluation: { dataset: 'other-data' }, evidence: goodEvidence({ model: 'lazy-filter', version: '0.9.0' }) } }), 422)
    expect(res.rule).toBe('dataset_not_pinned')
    expect(await h.db.prisma.promotion.count()).toBe(0)
  })
})

describe('policy minimums over distinct inputs', () => {
  it('a one-label dataset cannot promote a model that always answers that label', async () => {
    const oneClass = holdoutDataset(600, 3).filter((r) => r.label === 'ham').slice(0, 150)
    expect(oneClass).toHaveLength(150)
    expect((await register(owner, 'all-ham', oneClass)).statusCode).toBe(201)
    const p = await promote('1.0.0', 'all-ham')
    expect(p.status).toBe('blocked')
    for (const id of ['accuracy_benchmark', 'bias_metrics']) {
      expect(check(p, id).status).toBe('failed')
      expect(check(p, id).summary).toMatch(/below the policy's minimums: 1 label/)
    }
  })

  it('repeating records does not count: 40 messages five times each is 40 distinct inputs', async () => {
    const few = holdoutDataset(40, 4)
    expect((await register(owner, 'repeated', [...few, ...few, ...few, ...few, ...few])).statusCode).toBe(201)
    const p = await promote('1.0.1', 'repeated')
    expect(p.status).toBe('blocked')
    expect(check(p, 'accuracy_benchmark').summary).toMatch(/40 distinct inputs \(at least 100 required\)/)
  })

  it('on a dataset that meets the minimums the model is measured, and its one label fails on its merits', async () => {
    expect((await register(owner, 'balanced', groupHoldoutDataset(150, 6))).statusCode).toBe(201)
    const p = await promote('1.0.2', 'balanced')
    expect(p.status).toBe('blocked')
    expect(check(p, 'accuracy_benchmark').summary).not.toMatch(/minimums/)
    expect(check(p, 'bias_metrics').summary).not.toMatch(/minimums/)
  })

  it('the minimums are a policy setting', async () => {
    const small = holdoutDataset(60, 8)
    const shortfalls = datasetShortfalls('classification', small, DEFAULT_DATASET_MINIMUMS)
    expect(shortfalls[0]).toBe('60 distinct inputs (at least 100 required)')
    const data = { name: 'small', digest: 'sha256:x', kind: 'classification' as const, records: small }
    const strict = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: { protocol: 'mlflow-invocations', url: model.url }, data })
    expect(strict.summary).toMatch(/below the policy's minimums/)
    const relaxed = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint: { protocol: 'mlflow-invocations', url: model.url }, data, datasetMinimums: { ...DEFAULT_DATASET_MINIMUMS, records: 50, perLabel: 5 } })
    expect(relaxed.summary).not.toMatch(/minimums/)
    expect(datasetShortfalls('qa', Array.from({ length: 49 }, (_, i) => ({ input: `q${i}`, expected: 'a' })), DEFAULT_DATASET_MINIMUMS)).toEqual(['49 distinct questions (at least 50 required)'])
    expect(datasetShortfalls('classification', groupHoldoutDataset(150, 6), DEFAULT_DATASET_MINIMUMS)).toEqual([])
  })
})
