// A running modelgate for a test file: its own database cloned from the template, its own
// queue prefix in the shared Redis, the real app (through fastify.inject) and, when asked,
// real BullMQ workers.
import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Queue } from 'bullmq'
import { Redis } from 'ioredis'
import pino from 'pino'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.js'
import { loadConfig, type Config } from '../../src/config.js'
import type { Role } from '../../src/domain/roles.js'
import { QUEUE_NAMES } from '../../src/queue/registry.js'
import { createDatabase, type Database } from '../../src/store/database.js'
import { startWorkerRuntime, type WorkerRuntime } from '../../src/worker-runtime.js'
import type { Catalog } from '../../src/core/check-catalog.js'
import type { Clock } from '../../src/domain/clock.js'
import type { Policy } from '../../src/domain/policy.js'
import { createTestDatabase } from './database.js'
import { evidencePolicy } from './policies.js'

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef'
export const TEST_SECRET_KEY = 'test-server-secret-0123456789abcdef-0123456789'

export interface Harness {
  app: FastifyInstance
  config: Config
  db: Database
  worker?: WorkerRuntime
  /** An API key for a principal with these roles (one per name: asking again returns it). */
  key(name: string, roles: Role[], scope?: { models: string[] }): Promise<string>
  request(key: string | null, opts: InjectOptions): Promise<LightMyRequestResponse>
  startWorker(opts?: { catalog?: Catalog; reconcile?: boolean }): Promise<WorkerRuntime>
  close(): Promise<void>
}

/**
 * `policy`: 'evidence' (default) judges promotions by the default policy without the checks
 * that call a model endpoint; 'stored' uses the policy service (the default policy or one put
 * in force through the API), exactly as production does.
 */
export async function startHarness(opts: { env?: Record<string, string>; worker?: boolean; policy?: 'evidence' | 'stored' | Policy; catalog?: Catalog; clock?: Clock } = {}): Promise<Harness> {
  const database = await createTestDatabase()
  const config = loadConfig({
    DATABASE_URL: database.url,
    MODELGATE_ADMIN_KEY: ADMIN_KEY,
    MODELGATE_QUEUE_PREFIX: `test-${randomUUID()}`,
    MODELGATE_RECONCILE_INTERVAL_MS: '200',
    MODELGATE_RECONCILE_STALE_AFTER_MS: '500',
    MODELGATE_API_KEY_CACHE_TTL_MS: '1000',
    MODELGATE_SECRET_KEY: TEST_SECRET_KEY,
    MODELGATE_ARTIFACT_DIR: 'none',
    MODELGATE_SIGNING_KEY_PATH: path.join(tmpdir(), `modelgate-test-key-${randomUUID()}.pem`),
    LOG_LEVEL: 'silent',
    ...opts.env,
  })
  const db = createDatabase(config.databaseUrl, { max: 8 })
  const chosen = opts.policy ?? 'evidence'
  const fixed = chosen === 'evidence' ? evidencePolicy() : chosen === 'stored' ? undefined : chosen
  // Errors only: an unexpected 500 then shows its cause in the test output.
  const app = await buildApp({ config, db, policy: fixed ? () => fixed : undefined, catalog: opts.catalog, clock: opts.clock, logger: { level: process.env.TEST_LOG_LEVEL ?? 'error' } })
  await app.ready()
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })

  const minted = new Map<string, { wanted: string; key: string }>()
  const h: Harness = {
    app,
    config,
    db,
    async key(name, roles, scope) {
      // A principal has one key here: the service refuses a second key for an existing name.
      const wanted = JSON.stringify([[...roles].sort(), scope ?? null])
      const known = minted.get(name)
      if (known) {
        if (known.wanted !== wanted) throw new Error(`principal ${name} already has a key with other roles or scope`)
        return known.key
      }
      const res = await app.inject({ method: 'POST', url: '/v1/api-keys', headers: { authorization: `Bearer ${ADMIN_KEY}` }, payload: { name, roles, ...(scope ? { scope } : {}) } })
      if (res.statusCode !== 201) throw new Error(`could not create key: ${res.statusCode} ${res.body}`)
      const key = res.json().key as string
      minted.set(name, { wanted, key })
      return key
    },
    request(key, o) {
      return app.inject({ ...o, headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(o.headers ?? {}) } })
    },
    async startWorker(o = {}) {
      h.worker = await startWorkerRuntime({ config, db, logger, catalog: o.catalog ?? opts.catalog, clock: opts.clock, reconcile: o.reconcile })
      return h.worker
    },
    async close() {
      await app.close()
      await h.worker?.close()
      const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null })
      for (const name of Object.values(QUEUE_NAMES)) {
        const queue = new Queue(name, { connection: redis, prefix: config.queuePrefix })
        await queue.obliterate({ force: true }).catch(() => {})
        await queue.close()
      }
      redis.disconnect()
      await db.close()
      await database.drop()
    },
  }
  if (opts.worker) await h.startWorker()
  return h
}

/** Polls until `fn` returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000, intervalMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v) return v
    } catch (err) {
      last = err
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`)
}
