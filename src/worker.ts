// The worker process: runs gate jobs and the reconciler; it serves no HTTP.
import { loadConfig } from './config.js'
import { exitUnlessMigrated } from './exit-unless-migrated.js'

const config = loadConfig()
await exitUnlessMigrated(config.databaseUrl)
// The service's modules are loaded only once the database is known to be migrated: a start
// against a missing or unmigrated database says so at once, without first loading the app.
const [{ default: closeWithGrace }, { createLogger }, { createDatabase }, { startWorkerRuntime }] = await Promise.all([
  import('close-with-grace'),
  import('./logger.js'),
  import('./store/database.js'),
  import('./worker-runtime.js'),
])
const logger = createLogger(config.logLevel)
const db = createDatabase(config.databaseUrl, { max: config.dbPoolMax, idleMs: config.dbPoolIdleMs, onIdleError: (err) => logger.warn({ err: err.message }, 'idle database connection ended') })
const runtime = await startWorkerRuntime({ config, db, logger })

closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) logger.error({ err }, 'closing after error')
  else logger.info({ signal }, 'shutting down')
  await runtime.close()
  await db.close()
})
