// Per-item outcomes over DISTINCT inputs: a dataset that repeats a record must not count it
// twice, or n (and the confidence it buys) is overstated. An input is keyed by the sha256 of
// its canonical JSON, so the same item matches across promotions on the same dataset digest.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../domain/canonical-json.js'

export const inputKey = (input: unknown): string => createHash('sha256').update(canonicalJson(input)).digest('hex').slice(0, 32)

/** Right or wrong per distinct input; an input that appears more than once is right only if every copy is. */
export function distinctOutcomes(inputs: readonly unknown[], correct: readonly boolean[]): Map<string, boolean> {
  const out = new Map<string, boolean>()
  inputs.forEach((input, i) => {
    const key = inputKey(input)
    out.set(key, (out.get(key) ?? true) && correct[i] === true)
  })
  return out
}

export function countCorrect(outcomes: ReadonlyMap<string, boolean>): { correct: number; n: number } {
  let correct = 0
  for (const ok of outcomes.values()) if (ok) correct++
  return { correct, n: outcomes.size }
}
