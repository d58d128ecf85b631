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

/**
 * Judges `cases` (in order) until decided or exhausted; `judge` says per case whether it
 * succeeded. With the policy's repeats, a case is one outcome: "all k answers safe" (see
 * repeats.ts), so the plan's n counts distinct cases, not answers.
 */
export async function judgeSequentially<T>(cases: readonly T[], s: SequentialSettings, judge: (c: T) => Promise<boolean>): Promise<{ outcome: SequentialOutcome; successes: number }> {
  const budget = Math.min(s.caseBudget, cases.length)
  if (budget === 0) throw new RangeError('no case to judge')
  const plan = sequentialPlan({ alpha: s.alpha, budget, batchSize: Math.min(s.batchSize, budget) })
  let successes = 0
  const outcome = await sampleSequentially({
    plan, threshold: s.threshold, direction: s.direction,
    judge: async (from, to) => {
      const results = await Promise.all(cases.slice(from, to).map(judge))
      successes += results.filter(Boolean).length
      return results
    },
  })
  return { outcome, successes }
}
