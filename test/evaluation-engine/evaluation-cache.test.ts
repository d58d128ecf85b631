// The evaluation cache against real HTTP sample models and the Postgres table: a promotion run
// again after a transient failure does not ask the model again what it already answered; the
// cache is used only at temperature 0 unless the policy allows more; repeats keep one answer
// per repeat; classifier predictions are kept per input. Each model sits behind a small proxy
// that records what reached it and can fail (a transient outage), so the URL stays the same.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { holdoutDataset, qaDataset, startClassifierServer, startLlmServer, type ClassifierServer, type LlmServer } from '../../samples/index.js'
import { createDatabase, type Database } from '../../src/store/database.js'
import { postgresAnswerStore } from '../../src/evaluation/cache/postgres-store.js'
import { answerKey, memoryAnswerStore, SUITE_VERSION } from '../../src/evaluation/cache/index.js'
import { createTestDatabase } from '../helpers/database.js'
import { dataset, runCheck } from '../helpers/evaluation.js'

interface Proxy {
  url: string
  /** Requests forwarded to the model, and their bodies. */
  forwarded: unknown[]
  /** Requests after this many forwarded ones get a 503 (Infinity: none). */
  failAfter: number
  /** Requests answered 503. */
  refused: number
  close(): Promise<void>
}

async function startProxy(upstream: string): Promise<Proxy> {
  const proxy: Proxy = { url: '', forwarded: [], failAfter: Infinity, refused: 0, close: async () => {} }
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks).toString('utf8')
    if (proxy.forwarded.length >= proxy.failAfter) {
      proxy.refused++
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}')
      return
    }
    proxy.forwarded.push(JSON.parse(body))
    const answer = await fetch(`${upstream}${req.url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  proxy.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return proxy
}

let db: Database
let drop: () => Promise<void>
let llm: LlmServer
let flaky: LlmServer
let classifier: ClassifierServer
const qa = dataset('facts', qaDataset(60))
const ARTIFACT = `sha256:${'ab'.repeat(32)}`
// No retries: the outage below is seen at once instead of waited out.
const noRetry = { timeoutMs: 10_000, retries: 0, backoffMs: 10 }

beforeAll(async () => {
  const t = await createTestDatabase()
  drop = t.drop
  db = createDatabase(t.url)
  llm = await startLlmServer({ port: 0 })
  flaky = await startLlmServer({ port: 0, flaws: ['flaky-jailbreakable'] })
  classifier = await startClassifierServer({ variant: 'clean', port: 0 })
})
afterAll(async () => {
  await Promise.all([llm.close(), flaky.close(), classifier.close()])
  await db.close()
  await drop()
})

const chatTo = (p: Proxy) => ({ protocol: 'openai-chat' as const, url: `${p.url}/v1`, model: 'sample' })
const cacheCount = () => db.prisma.evaluationCacheEntry.count()

describe('the evaluation cache', () => {
  it('a run after a transient failure asks the model only for the answers it does not have', async () => {
    const proxy = await startProxy(llm.origin)
    try {
      const store = postgresAnswerStore(db)
      const before = await cacheCount()
      proxy.failAfter = 25
      // One call at a time, so exactly the first 25 answers arrive before the outage.
      const first = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, concurrency: 1, http: noRetry, cache: { store, artifactDigest: ARTIFACT } })
      expect(first.status).toBe('failed')
      expect(first.summary).toMatch(/could not be evaluated/)
      // The calls queued behind the failed one go on and fail too; wait until every question was tried.
      for (let i = 0; i < 200 && proxy.forwarded.length + proxy.refused < 60; i++) await new Promise((r) => setTimeout(r, 50))
      expect(proxy.refused).toBe(35)
      expect(proxy.forwarded).toHaveLength(25)
      expect(await cacheCount()).toBe(before + 25)

      proxy.failAfter = Infinity
      const again = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, http: noRetry, cache: { store, artifactDigest: ARTIFACT } })
      expect(again.status, again.summary).toBe('passed')
      expect(again.details.cache).toEqual({ hits: 25, calls: 35 })
      expect(proxy.forwarded).toHaveLength(60)
      // The questions asked the second time are exactly the ones not answered before.
      const asked = proxy.forwarded.map((b) => JSON.stringify((b as { messages: unknown }).messages))
      expect(new Set(asked).size).toBe(60)

      // A third run is answered wholly from the cache.
      const third = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, cache: { store, artifactDigest: ARTIFACT } })
      expect(third.details.cache).toEqual({ hits: 60, calls: 0 })
      expect(proxy.forwarded).toHaveLength(60)
      expect(third.measured).toEqual(again.measured)

      // Another artifact is another model: nothing is reused.
      const other = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, cache: { store, artifactDigest: `sha256:${'cd'.repeat(32)}` } })
      expect(other.details.cache).toEqual({ hits: 0, calls: 60 })
      expect(proxy.forwarded).toHaveLength(120)
    } finally {
      await proxy.close()
    }
  }, 60_000)

  it('is not used above temperature 0 unless the policy says cacheNondeterministic, and the endpoint gets the temperature and seed', async () => {
    const proxy = await startProxy(llm.origin)
    try {
      const store = postgresAnswerStore(db)
      const sampled = { temperature: 0.7, seed: 7 }
      for (let i = 0; i < 2; i++) {
        const o = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, generation: sampled, cache: { store, artifactDigest: ARTIFACT } })
        expect(o.details.cache).toMatchObject({ hits: 0, calls: 60, off: expect.stringMatching(/temperature 0\.7.*cacheNondeterministic/) })
        expect(o.details.generation).toEqual({ temperature: 0.7, seed: 7, repeats: 1 })
      }
      expect(proxy.forwarded).toHaveLength(120)
      expect(proxy.forwarded[0]).toMatchObject({ temperature: 0.7, seed: 7 })

      const allowed = { ...sampled, cacheNondeterministic: true }
      const a = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, generation: allowed, cache: { store, artifactDigest: ARTIFACT } })
      const b = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, generation: allowed, cache: { store, artifactDigest: ARTIFACT } })
      expect(a.details.cache).toEqual({ hits: 0, calls: 60 })
      expect(b.details.cache).toEqual({ hits: 60, calls: 0 })
      // Another seed is another generation setting: not reused.
      const c = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa, generation: { ...allowed, seed: 8 }, cache: { store, artifactDigest: ARTIFACT } })
      expect(c.details.cache).toEqual({ hits: 0, calls: 60 })
      // At temperature 0 the default sends no seed.
      const d = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: chatTo(proxy), data: qa })
      expect(d.details.generation).toEqual({ temperature: 0, seed: null, repeats: 1 })
      expect(proxy.forwarded.at(-1)).toMatchObject({ temperature: 0 })
      expect(proxy.forwarded.at(-1)).not.toHaveProperty('seed')
    } finally {
      await proxy.close()
    }
  }, 60_000)

  it('keeps one answer per repeat, so a cached re-run with repeats still sees the flaky answers', async () => {
    const proxy = await startProxy(flaky.origin)
    try {
      // A store of its own, so the counts are this test's alone.
      const store = memoryAnswerStore()
      const params = { jailbreakCaseBudget: 40, batchSize: 40, toxicityCaseBudget: 20, toxicityBatchSize: 20, maxCasesPerBenchmark: 10 }
      const run = () => runCheck('safety_benchmarks', { kind: 'llm', endpoint: chatTo(proxy), data: qa, params, generation: { repeats: 3 }, cache: { store, artifactDigest: ARTIFACT } })
      const first = await run()
      const asked = proxy.forwarded.length
      expect(first.status).toBe('failed')
      expect(store.size()).toBe(asked)
      const second = await run()
      expect(proxy.forwarded).toHaveLength(asked)
      expect(second.details.cache).toEqual({ hits: asked, calls: 0 })
      expect(second.status).toBe('failed')
      expect((second.details.flakyCases as { count: number }).count).toBe((first.details.flakyCases as { count: number }).count)
      expect(second.measured).toEqual(first.measured)
    } finally {
      await proxy.close()
    }
  }, 120_000)

  it('keeps classifier predictions per input', async () => {
    const proxy = await startProxy(classifier.origin)
    try {
      const store = postgresAnswerStore(db)
      const data = dataset('holdout', holdoutDataset(300, 7))
      const endpoint = { protocol: 'mlflow-invocations' as const, url: `${proxy.url}/invocations` }
      const first = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint, data, cache: { store, artifactDigest: ARTIFACT } })
      const distinct = new Set(data.records.map((r) => JSON.stringify(r.input))).size
      expect(first.details.cache).toEqual({ hits: data.records.length - distinct, calls: distinct })
      expect(first.details).not.toHaveProperty('generation')
      const batches = proxy.forwarded.length
      const again = await runCheck('accuracy_benchmark', { kind: 'classifier', endpoint, data, cache: { store, artifactDigest: ARTIFACT } })
      expect(again.details.cache).toEqual({ hits: data.records.length, calls: 0 })
      expect(proxy.forwarded).toHaveLength(batches)
      expect(again.measured).toEqual(first.measured)
    } finally {
      await proxy.close()
    }
  }, 60_000)
})

describe('the cache key', () => {
  const base = { artifactDigest: ARTIFACT, protocol: 'openai-chat', url: 'http://127.0.0.1:1/v1', model: 'm', input: [{ role: 'user', content: 'hi' }], generation: { temperature: 0, seed: null }, suiteVersion: SUITE_VERSION, repeat: 0 }
  it('changes with every part an answer depends on, and not with key order', () => {
    const variants = [
      { artifactDigest: `sha256:${'cd'.repeat(32)}` }, { protocol: 'other' }, { url: 'http://127.0.0.1:2/v1' }, { model: 'n' },
      { input: [{ role: 'user', content: 'hi!' }] }, { generation: { temperature: 0.5, seed: null } }, { generation: { temperature: 0, seed: 1 } },
      { suiteVersion: 'older' }, { repeat: 1 },
    ]
    const keys = new Set([answerKey(base), ...variants.map((v) => answerKey({ ...base, ...v }))])
    expect(keys.size).toBe(variants.length + 1)
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base
    expect(answerKey(reordered)).toBe(answerKey(base))
    expect(answerKey(base)).toMatch(/^[0-9a-f]{64}$/)
  })
})
