// Workers say they are alive: every ~10 s each worker process stamps its id (host:pid) with
// the current time in one Redis sorted set per queue prefix. Readiness reports the latest
// stamp, and a container's healthcheck looks for a recent stamp from its own host.
import { hostname } from 'node:os'
import type { Redis } from 'ioredis'

export const HEARTBEAT_INTERVAL_MS = 10_000
/** A worker whose last stamp is older than this is not counted as seen. */
export const HEARTBEAT_FRESH_MS = 30_000
// Stamps of workers gone for a day are pruned, so restarts do not grow the set for ever.
const PRUNE_AFTER_MS = 24 * 3600_000

export function heartbeatKey(prefix: string): string {
  return `${prefix}:worker-heartbeats`
}

export function workerId(host: string = hostname(), pid: number = process.pid): string {
  return `${host}:${pid}`
}

export interface HeartbeatDeps {
  redis: Redis
  prefix: string
  id?: string
  intervalMs?: number
  now?: () => number
  onError?: (error: unknown) => void
}

export function startWorkerHeartbeat(deps: HeartbeatDeps): { stop(): Promise<void> } {
  const key = heartbeatKey(deps.prefix)
  const id = deps.id ?? workerId()
  const now = deps.now ?? Date.now
  const beat = async () => {
    const at = now()
    try {
      await deps.redis.multi().zadd(key, at, id).zremrangebyscore(key, '-inf', at - PRUNE_AFTER_MS).exec()
    } catch (error) {
      // Redis being away is reported by readiness and by the queues themselves; the next beat retries.
      deps.onError?.(error)
    }
  }
  void beat()
  const timer = setInterval(() => void beat(), deps.intervalMs ?? HEARTBEAT_INTERVAL_MS)
  timer.unref()
  return {
    async stop() {
      clearInterval(timer)
      // A worker that shut down cleanly is not alive any more.
      await deps.redis.zrem(key, id).catch(() => undefined)
    },
  }
}

export interface WorkerSighting {
  seen: boolean
  lastHeartbeatAt: string | null
}

function sighting(score: string | undefined, now: number): WorkerSighting {
  if (score === undefined) return { seen: false, lastHeartbeatAt: null }
  const at = Number(score)
  return { seen: now - at <= HEARTBEAT_FRESH_MS, lastHeartbeatAt: new Date(at).toISOString() }
}

/** The most recent heartbeat of any worker on this queue prefix. */
export async function latestWorkerHeartbeat(redis: Redis, prefix: string, now: number = Date.now()): Promise<WorkerSighting> {
  const [, score] = await redis.zrevrange(heartbeatKey(prefix), 0, 0, 'WITHSCORES')
  return sighting(score, now)
}

/** The most recent heartbeat of a worker on `host` (a container's own worker). */
export async function hostWorkerHeartbeat(redis: Redis, prefix: string, host: string, now: number = Date.now()): Promise<WorkerSighting> {
  const flat = await redis.zrevrange(heartbeatKey(prefix), 0, -1, 'WITHSCORES')
  for (let i = 0; i + 1 < flat.length; i += 2) {
    if (flat[i]!.startsWith(`${host}:`)) return sighting(flat[i + 1], now)
  }
  return sighting(undefined, now)
}
