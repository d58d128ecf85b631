// The API process: HTTP only, it never runs checks.
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import { exitUnlessMigrated } from './exit-unless-migrated.js'
import { loggerOptions } from './logger.js'

const config = loadConfig()
await exitUnlessMigrated(config.databaseUrl)
const app = await buildApp({ config, logger: loggerOptions(config.logLevel) })

closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
  if (err) app.log.error({ err }, 'closing after error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

await app.listen({ port: config.port, host: config.host })
