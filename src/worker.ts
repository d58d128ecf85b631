// The worker process: runs gate jobs and the reconciler; it serves no HTTP.
import closeWithGrace from 'close-with-grace'
import { loadConfig } from './config.js'
import { exitUnlessMigrated } from './exit-unless-migrated.js'
import { createLogger } from './logger.js'
import { createDatabase } from './store/database.js'
import { startWorkerRuntime } from './worker-runtime.js'

const config = loadConfig()
await exitUnlessMigrated(config.databaseUrl)
const logger = createLogger(config.logLevel)
const db = createDatabase(config.databaseUrl, { max: config.dbPoolMax, onIdleError: (err) => logger.warn({ err: err.message }, 'idle database connection ended') })
const runtime = await startWorkerRuntime({ config, db, logger })

closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'closing after error')
  else logger.info({ signal }, 'shutting down')
  await runtime.close()
  await db.close()
})
