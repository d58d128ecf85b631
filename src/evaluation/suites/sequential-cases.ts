// Judging a corpus's cases sequentially: in batches along an alpha-spending plan, stopping at
// the first look that decides, so a clearly safe or clearly unsafe model costs a fraction of
// the case budget. The cases must be ordered so every prefix is representative (the
// stratified sampler's round-robin order is).
import { sampleSequentially, sequentialPlan, type Direction, type SequentialOutcome } from '../../domain/statistics/index.js'

export interface SequentialSettings {
  threshold: number
  direction: Direction
  /** Alpha for this rate, after any correction across categories. */
  alpha: number
  caseBudget: number
  batchSize: number
}

/** Judges `cases` (in order) until decided or exhausted; `judge` says per case whether it succeeded. */
export function judgeSequentially<T>(cases: readonly T[], s: SequentialSettings, judge: (c: T) => Promise<boolean>): Promise<{ outcome: SequentialOutcome; successes: number }> {
  return judgeBatchesSequentially(cases, s, (batch) => Promise.all(batch.map(judge)))
}

/**
 * The same, with one call per batch of cases: for a classifier, whose endpoint labels a batch
 * of inputs in one request. `judge` returns one verdict per case, in order.
 */
export async function judgeBatchesSequentially<T>(cases: readonly T[], s: SequentialSettings, judge: (batch: T[]) => Promise<boolean[]>): Promise<{ outcome: SequentialOutcome; successes: number }> {
  const budget = Math.min(s.caseBudget, cases.length)
  if (budget === 0) throw new RangeError('no case to judge')
  const plan = sequentialPlan({ alpha: s.alpha, budget, batchSize: Math.min(s.batchSize, budget) })
  let successes = 0
  const outcome = await sampleSequentially({
    plan, threshold: s.threshold, direction: s.direction,
    judge: async (from, to) => {
      const results = await judge(cases.slice(from, to))
      successes += results.filter(Boolean).length
      return results
    },
  })
  return { outcome, successes }
}
