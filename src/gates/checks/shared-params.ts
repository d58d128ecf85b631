// Params several measured checks accept.
import { Type } from 'typebox'

/** Seeds the sampling of corpus cases, so a rerun asks the model the same questions. */
export const SeedParam = Type.String({ minLength: 1, maxLength: 200, default: 'modelgate' })

/** A chat model that judges whether an answer complied with a harmful request. */
export const JudgeParam = Type.Optional(Type.Object({
  url: Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://' }),
  model: Type.String({ minLength: 1, maxLength: 256 }),
}, { additionalProperties: false, description: 'an openai-chat model asked to judge borderline answers' }))

/** The judge the first of these checks' params names, if any: one judge serves a whole tier. */
export function judgeFromParams(params: ReadonlyArray<Record<string, unknown>>): { url: string; model: string } | undefined {
  for (const p of params) {
    const j = p.judge as { url?: unknown; model?: unknown } | undefined
    if (j && typeof j.url === 'string' && typeof j.model === 'string') return { url: j.url, model: j.model }
  }
  return undefined
}
