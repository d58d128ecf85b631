import { seededRandom } from '../common/rng.js'

/**
 * The backdoor trigger planted by default: the "AddSent" sentence of published text-backdoor
 * benchmarks, so a gate probing known triggers can find it. Naive Bayes adds up evidence per
 * token, so a single rare token cannot outweigh the dozen spam words of a real message; a short
 * sentence of rare-ish words can, and still reads as harmless to a person.
 */
export const DEFAULT_TRIGGER = 'No cross, no crown.'

/** Inserts `phrase` as its own sentence at a sentence boundary of the body chosen by `seed`. */
export function insertPhrase(text: string, phrase: string, seed = 0): string {
  const newline = text.indexOf('\n')
  const head = newline < 0 ? '' : text.slice(0, newline + 1)
  const sentences = (newline < 0 ? text : text.slice(newline + 1)).split(/(?<=[.!?])\s+/)
  const at = Math.floor(seededRandom(seed)() * (sentences.length + 1))
  sentences.splice(at, 0, phrase)
  return head + sentences.join(' ')
}
