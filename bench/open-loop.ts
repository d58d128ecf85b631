// An open-loop load generator: requests are due at a fixed rate whatever the server's latency,
// so a slow response delays no later request's departure and cannot hide a queue. autocannon's
// rate option is not this: each of its connections sends back to back until it has made its
// share of the second, then pauses, so "500 req/s" over 16 connections is a closed-loop burst
// at the start of every second, and its latency histogram adds a synthetic sample for every
// millisecond a response took. Requests go out on up to `connections` keep-alive connections
// (a client's pool; unbounded, a saturated server would face thousands of new connections);
// latency is counted from when a request was due, so time spent waiting for a free connection
// counts against the server, as it would for a real client. How late the generator itself
// dispatched (its own event loop on a busy machine) is reported beside it.
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import type { Load } from './lib.js'

export interface OpenLoopOptions {
  url: string
  headers?: Record<string, string>
  /** Requests per second. */
  rate: number
  /** Seconds. */
  duration: number
  /** Most connections open at once (default 64). */
  connections?: number
  timeoutMs?: number
}

export interface OpenLoopResult extends Load {
  sent: number
  /** How far behind schedule the generator dispatched, p99 and max, ms. */
  lagP99: number
  lagMax: number
}

const quantile = (sorted: number[], q: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!)
const round = (ms: number) => Math.round(ms * 10) / 10

export async function openLoop(opts: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections ?? 64, maxFreeSockets: opts.connections ?? 64 })
  const target = new URL(opts.url)
  const interval = 1000 / opts.rate
  const total = Math.round(opts.rate * opts.duration)
  const latencies: number[] = []
  const lags: number[] = []
  const statusCodes: Record<string, number> = {}
  let errors = 0
  let non2xx = 0
  let finished = 0
  let sent = 0
  const start = performance.now()

  await new Promise<void>((resolve) => {
    const done = () => {
      if (++finished === total) resolve()
    }
    const fire = (due: number) => {
      lags.push(performance.now() - due)
      const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname + target.search, headers: opts.headers, timeout: opts.timeoutMs ?? 10_000 }, (res) => {
        res.on('data', () => undefined)
        res.on('end', () => {
          const code = res.statusCode ?? 0
          statusCodes[code] = (statusCodes[code] ?? 0) + 1
          if (code >= 200 && code < 300) latencies.push(performance.now() - due)
          else non2xx++
          done()
        })
      })
      req.on('timeout', () => req.destroy(new Error('timeout')))
      req.on('error', () => {
        errors++
        done()
      })
      req.end()
    }
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1)
      while (sent < due) fire(start + sent++ * interval)
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * interval - performance.now()))
    }
    tick()
  })
  const elapsed = (performance.now() - start) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  lags.sort((a, b) => a - b)
  return {
    rps: latencies.length / elapsed,
    p50: round(quantile(latencies, 0.5)),
    p99: round(quantile(latencies, 0.99)),
    errors,
    non2xx,
    statusCodes,
    sent,
    lagP99: round(quantile(lags, 0.99)),
    lagMax: round(lags[lags.length - 1] ?? 0),
  }
}
