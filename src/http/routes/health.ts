import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Redis } from 'ioredis'
import { Type } from 'typebox'
import type { Database } from '../../store/database.js'

const Health = Type.Object({ status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) })

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

export const healthRoutes: FastifyPluginAsyncTypebox<{ db: Database; redis: Redis }> = async (app, { db, redis }) => {
  app.get('/healthz', {
    config: { public: true },
    schema: { tags: ['health'], security: [], operationId: 'getHealth', summary: 'Liveness: the process is serving', response: { 200: Health } },
  }, async () => ({ status: 'ok' }))

  app.get('/readyz', {
    config: { public: true },
    schema: { tags: ['health'], security: [], operationId: 'getReadiness', summary: 'Readiness: Postgres and Redis are reachable', response: { 200: Health, 503: Health } },
  }, async (_request, reply) => {
    const checks = {
      postgres: await probe(() => db.pool.query('SELECT 1')),
      redis: await probe(() => redis.ping()),
    }
    const ok = Object.values(checks).every((c) => c === 'ok')
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not ready', checks })
  })
}
