// The model adapters against real HTTP servers that misbehave on purpose.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { createOpenAiChat } from '../../src/evaluation/adapters/chat.js'
import { createMlflowClassifier } from '../../src/evaluation/adapters/classifier.js'
import { EndpointError } from '../../src/evaluation/adapters/http-json.js'
import { createLimiter } from '../../src/evaluation/adapters/limiter.js'

type Handler = (body: any, res: http.ServerResponse, n: number) => void
const servers: http.Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await new Promise<void>((r) => s.close(() => r()))
})

async function serve(handler: Handler) {
  let n = 0
  let inFlight = 0
  let peak = 0
  const server = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (c) => (raw += c))
    req.on('end', () => {
      inFlight++
      peak = Math.max(peak, inFlight)
      res.on('close', () => inFlight--)
      handler(raw ? JSON.parse(raw) : null, res, ++n)
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  servers.push(server)
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls: () => n, peak: () => peak }
}

const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body))
const http0 = { timeoutMs: 2000, retries: 3, backoffMs: 10 }
const classifier = (url: string, opts: Partial<{ batchSize: number; limit: number; http: typeof http0 }> = {}) =>
  createMlflowClassifier({ url, batchSize: opts.batchSize ?? 4, limiter: createLimiter(opts.limit ?? 2), http: opts.http ?? http0 })

describe('mlflow-invocations adapter', () => {
  it('batches inputs and keeps their order', async () => {
    const s = await serve((body, res) => json(res, 200, { predictions: body.inputs.map((x: string) => x.toUpperCase()) }))
    const out = await classifier(`${s.url}/invocations`, { batchSize: 3 }).predict(['a', 'b', 'c', 'd', 'e', 'f', 'g'])
    expect(out).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G'])
    expect(s.calls()).toBe(3)
  })

  it('retries 429 and 5xx with backoff, honouring Retry-After', async () => {
    const s = await serve((body, res, n) => {
      if (n === 1) return json(res, 429, { error: 'slow down' }, { 'retry-after': '0' })
      if (n === 2) return json(res, 503, { error: 'warming up' })
      json(res, 200, { predictions: body.inputs.map(() => 'ham') })
    })
    expect(await classifier(s.url).predict(['x'])).toEqual(['ham'])
    expect(s.calls()).toBe(3)
  })

  it('gives up after its retries with a clear error', async () => {
    const s = await serve((_b, res) => json(res, 500, { error: 'boom' }))
    const err = await classifier(s.url).predict(['x']).catch((e) => e)
    expect(err).toBeInstanceOf(EndpointError)
    expect(err.message).toMatch(/answered 500.*after 4 attempts/)
    expect(s.calls()).toBe(4)
  })

  it('does not retry a 4xx other than 429', async () => {
    const s = await serve((_b, res) => json(res, 400, { error_code: 'BAD_REQUEST' }))
    await expect(classifier(s.url).predict(['x'])).rejects.toMatchObject({ kind: 'http', status: 400 })
    expect(s.calls()).toBe(1)
  })

  it('refuses garbage: non-JSON, no predictions, the wrong number of them, unreadable ones', async () => {
    const cases: Handler[] = [
      (_b, res) => res.writeHead(200).end('<html>oops</html>'),
      (_b, res) => json(res, 200, { result: [] }),
      (_b, res) => json(res, 200, { predictions: ['ham'] }),
      (b, res) => json(res, 200, { predictions: b.inputs.map(() => ({ nested: [1] })) }),
    ]
    for (const h of cases) {
      const s = await serve(h)
      await expect(classifier(s.url).predict(['x', 'y'])).rejects.toMatchObject({ kind: 'invalid_response' })
    }
  })

  it('times out a server that never answers', async () => {
    const s = await serve(() => undefined)
    const err = await classifier(s.url, { http: { timeoutMs: 100, retries: 1, backoffMs: 10 } }).predict(['x']).catch((e) => e)
    expect(err).toMatchObject({ kind: 'timeout' })
    expect(err.message).toMatch(/did not answer within 100 ms/)
  })

  it('reports an unreachable endpoint', async () => {
    await expect(classifier('http://127.0.0.1:1/invocations', { http: { timeoutMs: 500, retries: 1, backoffMs: 10 } }).predict(['x'])).rejects.toMatchObject({ kind: 'unreachable' })
  })

  it('never has more requests in flight than its limit', async () => {
    const s = await serve((body, res) => setTimeout(() => json(res, 200, { predictions: body.inputs.map(() => 'ham') }), 20))
    await classifier(s.url, { batchSize: 1, limit: 3 }).predict(Array.from({ length: 30 }, (_, i) => `m${i}`))
    expect(s.calls()).toBe(30)
    expect(s.peak()).toBe(3)
  })
})

describe('openai-chat adapter', () => {
  it('posts the conversation with temperature 0 to /chat/completions', async () => {
    let seen: any
    const s = await serve((body, res) => {
      seen = body
      json(res, 200, { choices: [{ index: 0, message: { role: 'assistant', content: 'Paris.' } }] })
    })
    const chat = createOpenAiChat({ url: `${s.url}/v1`, model: 'm-1', limiter: createLimiter(1), http: http0 })
    expect(await chat.complete([{ role: 'user', content: 'Capital of France?' }])).toBe('Paris.')
    expect(seen).toEqual({ model: 'm-1', messages: [{ role: 'user', content: 'Capital of France?' }], temperature: 0 })
  })

  it('refuses an answer without choices[0].message.content', async () => {
    const s = await serve((_b, res) => json(res, 200, { choices: [] }))
    const chat = createOpenAiChat({ url: s.url, model: 'm', limiter: createLimiter(1), http: http0 })
    await expect(chat.complete([{ role: 'user', content: 'hi' }])).rejects.toMatchObject({ kind: 'invalid_response' })
  })
})
