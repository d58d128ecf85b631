// The API process: HTTP only, it never runs checks.
import { loadConfig } from './config.js'
import { exitUnlessMigrated } from './exit-unless-migrated.js'

const config = loadConfig()
await exitUnlessMigrated(config.databaseUrl)
// The service's modules are loaded only once the database is known to be migrated: a start
// against a missing or unmigrated database says so at once, without first loading the app.
const [{ default: closeWithGrace }, { buildApp }, { loggerOptions }] = await Promise.all([import('close-with-grace'), import('./app.js'), import('./logger.js')])
const app = await buildApp({ config, logger: loggerOptions(config.logLevel) })

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

await app.listen({ port: config.port, host: config.host })
