// Pooled connections outlive a lull: a pool that closes them after pg's default 10 s makes the
// first burst after every pause open a pool's worth of new Postgres backends at once.
import { afterAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config.js'
import { createDatabase } from '../../src/store/database.js'
import { ADMIN_URL } from '../helpers/database.js'

const backend = async (db: ReturnType<typeof createDatabase>) => (await db.pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('database pool', () => {
  const kept = createDatabase(ADMIN_URL, { max: 1 })
  const short = createDatabase(ADMIN_URL, { max: 1, idleMs: 20 })
  afterAll(async () => {
    await kept.close()
    await short.close()
  })

  it('keeps an unused connection for five minutes by default (MODELGATE_DB_POOL_IDLE_SECONDS)', async () => {
    expect(loadConfig({}).dbPoolIdleMs).toBe(300_000)
    expect(loadConfig({ MODELGATE_DB_POOL_IDLE_SECONDS: '30' }).dbPoolIdleMs).toBe(30_000)
    expect(() => loadConfig({ MODELGATE_DB_POOL_IDLE_SECONDS: '0' })).toThrow(/MODELGATE_DB_POOL_IDLE_SECONDS/)
    expect(kept.pool.options.idleTimeoutMillis).toBe(300_000)
  })

  it('serves the next query after a pause from the same backend, where a short idle time reconnects', async () => {
    const [keptBefore, shortBefore] = [await backend(kept), await backend(short)]
    await pause(200)
    expect(await backend(kept)).toBe(keptBefore)
    expect(await backend(short)).not.toBe(shortBefore)
  })
})
