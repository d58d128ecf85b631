// Reuses a model's answers across promotions of the same artifact, so a promotion run again
// after a transient failure does not ask the model what it already answered. An answer is
// reused only under the same key (see key.ts), and only for deterministic settings
// (temperature 0) unless the policy allows more. Every answer is counted, as a hit (reused) or
// a call (asked of the model), per check.
import { answerKey, SUITE_VERSION, type AnswerSource } from './key.js'
import { batchedStore } from './batcher.js'
import type { AnswerStore } from './store.js'

/** Per check: answers reused from the cache, and answers asked of the model. */
export interface CacheUsage {
  hits: number
  calls: number
  /** Store reads or writes that failed (the answer was then asked, or not kept). */
  storeErrors?: number
}

export const newUsage = (): CacheUsage => ({ hits: 0, calls: 0 })

export interface AnswerCacheOptions {
  store: AnswerStore | null
  /** Null when the promotion names no artifact digest: its answers cannot be tied to a model. */
  source: AnswerSource | null
  generation: { temperature: number; seed?: number }
  cacheNondeterministic: boolean
}

export interface AnswerCache {
  /** Why answers are not reused for this promotion; null when they are. */
  readonly off: string | null
  chat(messages: unknown, repeat: number, ask: () => Promise<string>, usage: CacheUsage): Promise<string>
  labels(inputs: unknown[], predict: (inputs: unknown[]) => Promise<string[]>, usage: CacheUsage): Promise<string[]>
}

export function createAnswerCache(opts: AnswerCacheOptions): AnswerCache {
  const off = !opts.store
    ? 'no evaluation cache is configured'
    : !opts.source
      ? 'the promotion names no artifact digest, so its answers cannot be tied to one model'
      : opts.generation.temperature > 0 && !opts.cacheNondeterministic
        ? `answers at temperature ${opts.generation.temperature} are samples; the policy does not set settings.evaluation.cacheNondeterministic`
        : null
  const store = opts.store ? batchedStore(opts.store) : null
  const generation = { temperature: opts.generation.temperature, seed: opts.generation.seed ?? null }

  async function lookup(keys: string[], usage: CacheUsage): Promise<Map<string, unknown>> {
    try {
      return await store!.get(keys)
    } catch {
      usage.storeErrors = (usage.storeErrors ?? 0) + 1
      return new Map()
    }
  }
  async function keep(entries: Array<{ key: string; kind: 'chat' | 'label'; answer: unknown }>, usage: CacheUsage): Promise<void> {
    try {
      await store!.put(entries)
    } catch {
      usage.storeErrors = (usage.storeErrors ?? 0) + 1
    }
  }

  return {
    off,
    async chat(messages, repeat, ask, usage) {
      if (off) {
        usage.calls++
        return ask()
      }
      const key = answerKey({ ...opts.source!, input: messages, generation, suiteVersion: SUITE_VERSION, repeat })
      const found = (await lookup([key], usage)).get(key)
      if (typeof found === 'string') {
        usage.hits++
        return found
      }
      usage.calls++
      const answer = await ask()
      // Kept before it is returned: a run that fails later still keeps what it was told.
      await keep([{ key, kind: 'chat', answer }], usage)
      return answer
    },
    async labels(inputs, predict, usage) {
      if (off) {
        usage.calls += inputs.length
        return predict(inputs)
      }
      // A classifier is not sampled: its key carries no generation settings and repeat 0.
      const keys = inputs.map((input) => answerKey({ ...opts.source!, input, generation: null, suiteVersion: SUITE_VERSION, repeat: 0 }))
      const found = await lookup(keys, usage)
      // Each key not found, with the first input that has it: a repeated input is asked once.
      const missing = new Map<string, unknown>()
      keys.forEach((k, i) => typeof found.get(k) === 'string' || missing.has(k) || missing.set(k, inputs[i]))
      usage.hits += keys.filter((k) => !missing.has(k)).length
      usage.calls += missing.size
      const predicted = missing.size > 0 ? await predict([...missing.values()]) : []
      const fresh = new Map([...missing.keys()].map((k, i) => [k, predicted[i]!] as const))
      if (fresh.size > 0) await keep([...fresh].map(([key, answer]) => ({ key, kind: 'label' as const, answer })), usage)
      return keys.map((k) => (fresh.get(k) ?? found.get(k)) as string)
    },
  }
}
