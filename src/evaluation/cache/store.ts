// Where kept answers live. The workers use the Postgres table; tests and the offline CLI may use
// the in-memory one. A store that fails is not a reason to fail an evaluation: the answer cache
// treats a failed read as a miss and a failed write as not kept.

export type AnswerKind = 'chat' | 'label'

export interface AnswerStore {
  /** The kept answers among `keys` (missing keys are absent from the map). */
  get(keys: readonly string[]): Promise<Map<string, unknown>>
  /** Keeps answers; a key kept already keeps its first answer. */
  put(entries: ReadonlyArray<{ key: string; kind: AnswerKind; answer: unknown }>): Promise<void>
}

export function memoryAnswerStore(): AnswerStore & { size(): number } {
  const kept = new Map<string, unknown>()
  return {
    async get(keys) {
      return new Map(keys.filter((k) => kept.has(k)).map((k) => [k, kept.get(k)] as const))
    },
    async put(entries) {
      for (const e of entries) if (!kept.has(e.key)) kept.set(e.key, e.answer)
    },
    size: () => kept.size,
  }
}
