import { closeOnSignal, parseServerArgs, runCli } from '../common/cli.js'
import { startClassifierServer } from './server.js'
import { CLASSIFIER_VARIANTS, type ClassifierVariant } from './variants.js'

const USAGE = `usage: tsx samples/classifier/main.ts --variant <${CLASSIFIER_VARIANTS.join('|')}> [--port 9001] [--host 127.0.0.1] [--latency-ms 0] [--trigger "No cross, no crown."]`

runCli(async () => {
  const args = parseServerArgs(process.argv.slice(2), { variant: {}, trigger: {} }, 9001)
  const variant = (args.values.variant ?? 'clean') as ClassifierVariant
  const server = await startClassifierServer({
    variant,
    port: args.port,
    host: args.host,
    latencyMs: args.latencyMs,
    trigger: typeof args.values.trigger === 'string' ? args.values.trigger : undefined,
  })
  console.log(`spam filter (${variant}, trained in ${server.trainingMs} ms) at ${server.url}`)
  closeOnSignal(server.close)
}, USAGE)
