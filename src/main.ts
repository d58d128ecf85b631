// API and worker in one process: the simple default for `npm start`.
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { exitUnlessMigrated } from './exit-unless-migrated.js'
import { loggerOptions } from './logger.js'
import { createDatabase } from './store/database.js'
import { startWorkerRuntime } from './worker-runtime.js'

const config = loadConfig()
await exitUnlessMigrated(config.databaseUrl)
// Separate pools: a burst of API requests cannot starve the gate workers of connections, nor
// the other way round.
const onIdleError = (err: Error) => app.log.warn({ err: err.message }, 'idle database connection ended')
const db = createDatabase(config.databaseUrl, { max: config.dbPoolMax, onIdleError })
const workerDb = createDatabase(config.databaseUrl, { max: config.dbPoolMax, onIdleError })
const app = await buildApp({ config, db, logger: loggerOptions(config.logLevel) })
const runtime = await startWorkerRuntime({ config, db: workerDb, logger: app.log })

closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
  await runtime.close()
  await db.close()
  await workerDb.close()
})

await app.listen({ port: config.port, host: config.host })
