// API and worker in one process: the simple default for `npm start`.
import { loadConfig } from './config.js'
import { exitUnlessMigrated } from './exit-unless-migrated.js'

const config = loadConfig()
await exitUnlessMigrated(config.databaseUrl)
// The service's modules are loaded only once the database is known to be migrated: a start
// against a missing or unmigrated database says so at once, without first loading the app.
const [{ default: closeWithGrace }, { buildApp }, { loggerOptions }, { createDatabase }, { startWorkerRuntime }] = await Promise.all([
  import('close-with-grace'),
  import('./app.js'),
  import('./logger.js'),
  import('./store/database.js'),
  import('./worker-runtime.js'),
])
// Separate pools: a burst of API requests cannot starve the gate workers of connections, nor
// the other way round.
const onIdleError = (err: Error) => app.log.warn({ err: err.message }, 'idle database connection ended')
const db = createDatabase(config.databaseUrl, { max: config.dbPoolMax, idleMs: config.dbPoolIdleMs, onIdleError })
const workerDb = createDatabase(config.databaseUrl, { max: config.dbPoolMax, idleMs: config.dbPoolIdleMs, onIdleError })
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
