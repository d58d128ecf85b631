// Gathers the store reads and writes issued in one turn of the event loop into one query each:
// a suite asks hundreds of questions at once, and one round trip per answer would cost more
// than the answers.
import type { AnswerKind, AnswerStore } from './store.js'

export function batchedStore(store: AnswerStore): AnswerStore {
  let reads: Array<{ key: string; resolve: (v: { found: boolean; answer: unknown }) => void; reject: (e: unknown) => void }> = []
  let writes: Array<{ entry: { key: string; kind: AnswerKind; answer: unknown }; resolve: () => void; reject: (e: unknown) => void }> = []
  const flushReads = async () => {
    const batch = reads
    reads = []
    try {
      const found = await store.get([...new Set(batch.map((r) => r.key))])
      for (const r of batch) r.resolve({ found: found.has(r.key), answer: found.get(r.key) })
    } catch (err) {
      for (const r of batch) r.reject(err)
    }
  }
  const flushWrites = async () => {
    const batch = writes
    writes = []
    try {
      await store.put(batch.map((w) => w.entry))
      for (const w of batch) w.resolve()
    } catch (err) {
      for (const w of batch) w.reject(err)
    }
  }
  return {
    async get(keys) {
      const results = await Promise.all(keys.map((key) => new Promise<{ found: boolean; answer: unknown }>((resolve, reject) => {
        if (reads.length === 0) setImmediate(() => void flushReads())
        reads.push({ key, resolve, reject })
      })))
      return new Map(keys.flatMap((k, i) => (results[i]!.found ? [[k, results[i]!.answer] as const] : [])))
    },
    async put(entries) {
      await Promise.all(entries.map((entry) => new Promise<void>((resolve, reject) => {
        if (writes.length === 0) setImmediate(() => void flushWrites())
        writes.push({ entry, resolve, reject })
      })))
    },
  }
}
