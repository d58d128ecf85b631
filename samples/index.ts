// Model servers for tests, the demo and the README: a real spam filter, rule-based chat models
// and output filters with switchable flaws, and a fixed-latency echo model for benchmarks.
export * from './classifier/index.js'
export * from './llm/index.js'
export * from './moderation/index.js'
export * from './fixed-latency/index.js'
export type { ServerStats } from './common/http.js'
export { tinySafetensors } from './artifact.js'
