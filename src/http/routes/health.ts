import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Redis } from 'ioredis'
import { Type, type Static } from 'typebox'
import type { Database } from '../../store/database.js'

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) })
const WorkerStatus = Type.Object({
  seen: Type.Boolean({ description: 'a worker heartbeat was written in the last 30 s' }),
  lastHeartbeatAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type WorkerStatus = Static<typeof WorkerStatus>

const Readiness = Type.Object({
  status: Type.String(),
  checks: Type.Record(Type.String(), Type.String()),
  worker: WorkerStatus,
})

async function probe(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<string> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), timeoutMs)))])
    return 'ok'
  } catch (err) {
    return `unavailable: ${err instanceof Error ? err.message : 'error'}`
  } finally {
    clearTimeout(timer)
  }
}

export interface HealthDeps {
  db: Database
  redis: Redis
  /** The latest worker heartbeat; called only while Redis answers. */
  workerStatus: () => Promise<WorkerStatus>
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthDeps> = async (app, { db, redis, workerStatus }) => {
  app.get('/healthz', {
    config: { public: true },
    schema: { tags: ['health'], security: [], operationId: 'getHealth', summary: 'Liveness: the process is serving', response: { 200: Health } },
  }, async () => ({ status: 'ok' }))

  app.get('/readyz', {
    config: { public: true },
    schema: { tags: ['health'], security: [], operationId: 'getReadiness', summary: 'Readiness: Postgres and Redis are reachable (503 otherwise); also reports whether a worker heartbeat was seen in the last 30 s, which does not change the status: the API serves without a worker, promotions then wait in the queue', response: { 200: Readiness, 503: Readiness } },
  }, async (_request, reply) => {
    const checks = {
      postgres: await probe(() => db.pool.query('SELECT 1')),
      redis: await probe(() => redis.ping()),
    }
    const ok = Object.values(checks).every((c) => c === 'ok')
    let worker: WorkerStatus = { seen: false, lastHeartbeatAt: null }
    if (checks.redis === 'ok') await probe(async () => (worker = await workerStatus()))
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks, worker })
  })
}
