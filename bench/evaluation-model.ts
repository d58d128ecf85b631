// The model side of the evaluation bench: a fixed-latency chat model in a child process, its
// own capacity measured with a bare client, and a fresh set of modelgate's adapters to it.
import { request } from 'undici'
import { DEFAULT_DATASET_MINIMUMS } from '../src/domain/policy-settings.js'
import { createEvaluationServices, type EvaluationServices } from '../src/evaluation/services.js'
import { startChild } from './lib.js'
import type { ModelBehaviour } from './model-behaviour.js'

export const LATENCY_MS = Number(process.env.BENCH_MODEL_LATENCY_MS ?? 20)
export const CONCURRENCY = Number(process.env.MODELGATE_EVAL_CONCURRENCY ?? 8)

export interface BenchModel {
  url: string
  /** Model calls served and the most in flight at once since the last reset. */
  stats(): Promise<{ requests: number; peakInFlight: number }>
  reset(): Promise<void>
  stop(): Promise<void>
}

export async function startModel(behaviour: ModelBehaviour): Promise<BenchModel> {
  const child = await startChild('./model-server.ts', { BENCH_MODEL_LATENCY_MS: String(LATENCY_MS), BENCH_MODEL_BEHAVIOUR: behaviour })
  const ask = <T>(op: string) => new Promise<T>((resolve) => {
    child.child.once('message', (m: T) => resolve(m))
    child.child.send({ op })
  })
  return {
    url: `http://127.0.0.1:${child.port}/v1`,
    stats: async () => (await ask<{ stats: { requests: number; peakInFlight: number } }>('stats')).stats,
    reset: async () => {
      await ask('reset')
    },
    stop: child.stop,
  }
}

/** The model's own capacity at this concurrency: C workers posting back to back, no modelgate. */
export async function capacity(url: string, requests: number): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < requests) {
      next++
      const res = await request(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: `ping ${next}` }], temperature: 0 }) })
      await res.body.json()
    }
  }))
  return requests / ((performance.now() - started) / 1000)
}

/** A fresh set of adapters, as one promotion gets (answers are memoised per promotion). */
export function evaluationServices(url: string): EvaluationServices {
  return createEvaluationServices({
    modelKind: 'llm',
    endpoint: { protocol: 'openai-chat', url, model: 'bench' },
    outputFilter: null,
    datasetName: undefined,
    loadDataset: async () => null,
    datasetMinimums: DEFAULT_DATASET_MINIMUMS,
    settings: { concurrency: CONCURRENCY, batchSize: 32, http: { timeoutMs: 10_000, retries: 2, backoffMs: 100 }, allowlist: ['127.0.0.1', 'localhost', '::1'] },
  })
}
