// The real API (and, when BENCH_WORKER=1, the gate worker) in a child process, so the load
// generator does not share its event loop.
import pino from 'pino'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { createDatabase } from '../src/store/database.js'
import { startWorkerRuntime } from '../src/worker-runtime.js'

const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent' })
const db = createDatabase(config.databaseUrl)
const app = await buildApp({ config, db })
const worker = process.env.BENCH_WORKER === '1' ? await startWorkerRuntime({ config, db, logger: pino({ level: 'silent' }) }) : undefined
await app.listen({ port: 0, host: '127.0.0.1' })
const address = app.server.address()
process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
process.on('SIGTERM', async () => {
  await app.close()
  await worker?.close()
  await db.close()
  process.exit(0)
})
