// The answer store the workers use: the evaluation_cache table. Reads take keys in chunks (one
// query per chunk, not per answer); writes skip keys already kept, so two workers answering the
// same question keep one answer and neither fails.
import type { Database } from '../../store/database.js'
import type { AnswerStore } from './store.js'

const CHUNK = 500

export function postgresAnswerStore(db: Database): AnswerStore {
  const { prisma } = db
  return {
    async get(keys) {
      const found = new Map<string, unknown>()
      for (let i = 0; i < keys.length; i += CHUNK) {
        const rows = await prisma.evaluationCacheEntry.findMany({ where: { key: { in: keys.slice(i, i + CHUNK) as string[] } }, select: { key: true, answer: true } })
        for (const r of rows) found.set(r.key, r.answer)
      }
      return found
    },
    async put(entries) {
      for (let i = 0; i < entries.length; i += CHUNK) {
        await prisma.evaluationCacheEntry.createMany({ data: entries.slice(i, i + CHUNK).map((e) => ({ key: e.key, kind: e.kind, answer: e.answer as never })), skipDuplicates: true })
      }
    },
  }
}
