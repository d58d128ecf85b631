import { afterEach, describe, expect, it } from 'vitest'
import { startFixedLatencyServer, type FixedLatencyServer } from '../../samples/fixed-latency/index.js'
import { postJson } from './http.js'

let server: FixedLatencyServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

describe('the fixed-latency model', () => {
  it('echoes mlflow inputs after the fixed delay', async () => {
    server = await startFixedLatencyServer({ protocol: 'mlflow-invocations', latencyMs: 50 })
    const started = performance.now()
    const res = await postJson(server.url, { inputs: ['a', 'b'] })
    expect(performance.now() - started).toBeGreaterThanOrEqual(45)
    expect(res).toEqual({ status: 200, body: { predictions: ['a', 'b'] } })
    expect(server.stats.predictions).toBe(2)
  })

  it('answers openai-chat with an echo of the last user message', async () => {
    server = await startFixedLatencyServer({ protocol: 'openai-chat', latencyMs: 20 })
    const res = await postJson<{ choices: Array<{ message: { content: string } }> }>(`${server.url}/chat/completions`, {
      model: 'bench',
      messages: [{ role: 'user', content: 'ping' }],
      temperature: 0,
    })
    expect(res.status).toBe(200)
    expect(res.body.choices[0]?.message.content).toBe('echo: ping')
  })

  it('counts requests and the peak number in flight', async () => {
    server = await startFixedLatencyServer({ protocol: 'mlflow-invocations', latencyMs: 100 })
    const url = server.url
    await Promise.all(Array.from({ length: 8 }, (_, i) => postJson(url, { inputs: [String(i)] })))
    expect(server.stats.requests).toBe(8)
    expect(server.stats.peakInFlight).toBe(8)
    expect(server.stats.inFlight).toBe(0)
    server.stats.reset()
    await postJson(url, { inputs: ['x'] })
    expect(server.stats).toMatchObject({ requests: 1, peakInFlight: 1 })
  })

  it('answers 429 beyond maxConcurrency instead of queueing', async () => {
    server = await startFixedLatencyServer({ protocol: 'mlflow-invocations', latencyMs: 300, maxConcurrency: 3 })
    const url = server.url
    const statuses = (await Promise.all(Array.from({ length: 6 }, () => postJson(url, { inputs: ['x'] })))).map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(3)
    expect(statuses.filter((s) => s === 429)).toHaveLength(3)
    expect(server.stats.rejected).toBe(3)
  })
})
