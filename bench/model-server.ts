// A fixed-latency model in its own process, so the benchmark's client and the model do not
// share an event loop or a core's time slices. BENCH_MODEL_BEHAVIOUR picks what it answers.
import { startFixedLatencyServer } from '../samples/index.js'
import { REPLIES, modelBehaviour } from './model-behaviour.js'

const reply = REPLIES[modelBehaviour(process.env.BENCH_MODEL_BEHAVIOUR)]
const server = await startFixedLatencyServer({ protocol: 'openai-chat', latencyMs: Number(process.env.BENCH_MODEL_LATENCY_MS ?? 20), port: 0, reply })
process.send?.({ port: Number(new URL(server.url).port), url: server.url })
process.on('message', (m: { op: string }) => {
  if (m.op === 'stats') process.send?.({ stats: { requests: server.stats.requests, peakInFlight: server.stats.peakInFlight } })
  if (m.op === 'reset') {
    server.stats.reset()
    process.send?.({ reset: true })
  }
})
process.on('SIGTERM', () => server.close().then(() => process.exit(0)))
