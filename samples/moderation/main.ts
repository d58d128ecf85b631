import { closeOnSignal, parseServerArgs, runCli } from '../common/cli.js'
import { startModerationServer } from './server.js'
import { MODERATION_VARIANTS, type ModerationVariant } from './variants.js'

const USAGE = `usage: tsx samples/moderation/main.ts --variant <${MODERATION_VARIANTS.join('|')}> [--port 9003] [--host 127.0.0.1] [--latency-ms 0]`

runCli(async () => {
  const args = parseServerArgs(process.argv.slice(2), { variant: {} }, 9003)
  const server = await startModerationServer({
    variant: (args.values.variant ?? 'good') as ModerationVariant,
    port: args.port,
    host: args.host,
    latencyMs: args.latencyMs,
  })
  console.log(`output filter (${server.variant}) at ${server.url}/moderations`)
  closeOnSignal(server.close)
}, USAGE)
