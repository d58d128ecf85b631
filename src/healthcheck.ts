// A container's healthcheck: `node dist/healthcheck.js api|worker|all` exits 0 when healthy.
// api: the API answers /healthz on its port. worker: a worker on this host (the container) wrote
// its Redis heartbeat in the last 30 s; the worker serves no HTTP to probe. all: both, for
// the image's default command, which runs API and worker in one process.
import { hostname } from 'node:os'
import { loadConfig, type Config } from './config.js'
import { Redis } from 'ioredis'
import { hostWorkerHeartbeat } from './queue/worker-heartbeat.js'

const ROLES = ['api', 'worker', 'all'] as const
type Role = (typeof ROLES)[number]

async function checkApi(config: Config): Promise<string | null> {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host
  const res = await fetch(`http://${host.includes(':') ? `[${host}]` : host}:${config.port}/healthz`, { signal: AbortSignal.timeout(2_000) })
  return res.ok ? null : `api: /healthz answered ${res.status}`
}

async function checkWorker(config: Config): Promise<string | null> {
  const redis = new Redis(config.redisUrl, { lazyConnect: true, connectTimeout: 2_000, maxRetriesPerRequest: 1, retryStrategy: () => null })
  redis.on('error', () => undefined)
  try {
    await redis.connect()
    const seen = await hostWorkerHeartbeat(redis, config.queuePrefix, hostname())
    if (seen.seen) return null
    return seen.lastHeartbeatAt === null ? `worker: no heartbeat from ${hostname()}` : `worker: last heartbeat from ${hostname()} at ${seen.lastHeartbeatAt}`
  } finally {
    redis.disconnect()
  }
}

async function main(arg: string | undefined): Promise<number> {
  const role = (arg ?? 'all') as Role
  if (!ROLES.includes(role)) {
    process.stderr.write(`usage: healthcheck [${ROLES.join('|')}]\n`)
    return 2
  }
  const config = loadConfig()
  const checks = [role !== 'worker' ? checkApi(config) : null, role !== 'api' ? checkWorker(config) : null]
  const problems = (await Promise.all(checks.map((c) => c?.catch((error: unknown) => (error instanceof Error ? error.message : String(error))) ?? null))).filter((p) => p !== null)
  for (const problem of problems) process.stderr.write(`${problem}\n`)
  return problems.length === 0 ? 0 : 1
}

process.exitCode = await main(process.argv[2])
