// The Redis resource on the API side: a fail-fast producer connection and the gates queue.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'
import { createGateQueue, type GateQueue } from '../queue/gate-queue.js'
import { createProducerConnection } from '../queue/redis.js'

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis
    gateQueue: GateQueue
  }
}

export const queuePlugin = fp(async function queue(app: FastifyInstance, opts: { url: string; prefix: string }) {
  const redis = createProducerConnection(opts.url)
  redis.on('error', (err) => app.log.warn({ err: err.message }, 'redis connection error'))
  const gateQueue = createGateQueue({ connection: redis, prefix: opts.prefix })
  app.decorate('redis', redis)
  app.decorate('gateQueue', gateQueue)
  app.addHook('onClose', async () => {
    await gateQueue.close()
    redis.disconnect()
  })
}, { name: 'queue' })
