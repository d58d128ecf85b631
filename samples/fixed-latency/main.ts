import { closeOnSignal, parseServerArgs, runCli } from '../common/cli.js'
import { startFixedLatencyServer, type FixedLatencyProtocol } from './server.js'

const USAGE = 'usage: tsx samples/fixed-latency/main.ts --protocol <mlflow-invocations|openai-chat> [--latency-ms 20] [--max-concurrency N] [--port 9004] [--host 127.0.0.1]'

runCli(async () => {
  const args = parseServerArgs(process.argv.slice(2), { protocol: {}, 'max-concurrency': {} }, 9004)
  const max = args.values['max-concurrency']
  const server = await startFixedLatencyServer({
    protocol: (args.values.protocol ?? 'mlflow-invocations') as FixedLatencyProtocol,
    latencyMs: args.latencyMs,
    maxConcurrency: typeof max === 'string' ? Number(max) : undefined,
    port: args.port,
    host: args.host,
  })
  console.log(`fixed-latency ${server.protocol} model (${server.latencyMs} ms) at ${server.url}`)
  closeOnSignal(server.close)
}, USAGE)
