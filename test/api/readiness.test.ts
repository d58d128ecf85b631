// Readiness reports the worker: whether any worker's Redis heartbeat is younger than 30 s, and
// when the last one was written. The status stays "ready" without a worker: the API can take
// requests, promotions wait in the queue.
import { spawn } from 'node:child_process'
import { hostname } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { heartbeatKey, HEARTBEAT_FRESH_MS } from '../../src/queue/worker-heartbeat.js'
import { eventually, startHarness, type Harness } from '../helpers/harness.js'

let h: Harness
let redis: Redis
beforeAll(async () => {
  h = await startHarness()
  redis = new Redis(h.config.redisUrl)
})
afterAll(async () => {
  redis?.disconnect()
  await h?.close()
})

const readyz = async () => {
  const res = await h.request(null, { method: 'GET', url: '/readyz' })
  return { status: res.statusCode, body: res.json() }
}

const root = fileURLToPath(new URL('../../', import.meta.url))
function healthcheck(role: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    // tsx as the npm scripts run it, without npx resolving it first on every call.
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/healthcheck.ts', role], {
      cwd: root,
      env: { ...process.env, REDIS_URL: h.config.redisUrl, MODELGATE_QUEUE_PREFIX: h.config.queuePrefix, PORT: '1', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

describe('readiness and the worker heartbeat', () => {
  it('is ready without a worker, and says no worker was seen', async () => {
    const { status, body } = await readyz()
    expect(status).toBe(200)
    expect(body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' }, worker: { seen: false, lastHeartbeatAt: null } })
  })

  it('sees a running worker, and its own host in the container healthcheck', async () => {
    const before = Date.now()
    await h.startWorker({ reconcile: false })
    const { body } = await eventually<{ status: number; body: { status: string; worker: { seen: boolean; lastHeartbeatAt: string } } }>(async () => {
      const r = await readyz()
      return r.body.worker.seen ? r : null
    })
    expect(body.status).toBe('ready')
    expect(Date.parse(body.worker.lastHeartbeatAt as string)).toBeGreaterThanOrEqual(before - 1000)
    const members = await redis.zrange(heartbeatKey(h.config.queuePrefix), '0', '-1')
    expect(members).toContain(`${hostname()}:${process.pid}`)

    const worker = await healthcheck('worker')
    expect(worker).toEqual({ code: 0, stderr: '' })
    // Nothing listens on port 1: the API half of the check fails, and says so.
    const api = await healthcheck('api')
    expect(api.code).toBe(1)
    expect(api.stderr).not.toBe('')
  }, 60_000)

  it('does not count a heartbeat older than 30 s, but still reports when it was', async () => {
    const key = heartbeatKey(h.config.queuePrefix)
    await h.worker!.close()
    h.worker = undefined
    // A clean shutdown removes the worker's own stamp.
    expect(await redis.zcard(key)).toBe(0)
    const stale = Date.now() - HEARTBEAT_FRESH_MS - 5_000
    await redis.zadd(key, stale, 'elsewhere:1')
    const { status, body } = await readyz()
    expect(status).toBe(200)
    expect(body.worker).toEqual({ seen: false, lastHeartbeatAt: new Date(stale).toISOString() })
    // A stamp from another host does not make this host's worker healthy.
    await redis.zadd(key, Date.now(), 'elsewhere:2')
    expect((await readyz()).body.worker.seen).toBe(true)
    const worker = await healthcheck('worker')
    expect(worker.code).toBe(1)
    expect(worker.stderr).toContain(`no heartbeat from ${hostname()}`)
  }, 60_000)
})
