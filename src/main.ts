// API and worker in one process: the simple default for `npm start`.
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { loggerOptions } from './logger.js'
import { createDatabase } from './store/database.js'
import { startWorkerRuntime } from './worker-runtime.js'

const config = loadConfig()
const db = createDatabase(config.databaseUrl)
const app = await buildApp({ config, db, logger: loggerOptions(config.logLevel) })
const runtime = await startWorkerRuntime({ config, db, logger: app.log })

closeWithGrace({ delay: 30_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
  await runtime.close()
  await db.close()
})

await app.listen({ port: config.port, host: config.host })
