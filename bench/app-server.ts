// The real API (and, when BENCH_WORKER=1, the gate worker) in a child process, so the load
// generator does not share its event loop.
import pino from 'pino'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createDatabase } from '../src/store/database.js'
import { startWorkerRuntime } from '../src/worker-runtime.js'

const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent' })
// As main.ts does: the API and the worker each get their own pool.
const db = createDatabase(config.databaseUrl, { max: config.dbPoolMax, idleMs: config.dbPoolIdleMs })
const workerDb = createDatabase(config.databaseUrl, { max: config.dbPoolMax, idleMs: config.dbPoolIdleMs })
const app = await buildApp({ config, db, logger: { level: config.logLevel } })
const worker = process.env.BENCH_WORKER === '1' ? await startWorkerRuntime({ config, db: workerDb, logger: pino({ level: 'silent' }) }) : undefined
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
process.on('SIGTERM', async () => {
  await app.close()
  await worker?.close()
  await db.close()
  await workerDb.close()
  process.exit(0)
})
