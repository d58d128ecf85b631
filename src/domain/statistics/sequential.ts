// Sequential sampling: cases are judged in batches up to a budget, and the check stops at the
// first look that decides. Looking repeatedly would inflate the error rate, so each look uses
// its own share of alpha from a power-family spending function, alpha·t^rho at information
// fraction t = cases / budget. The shares add up to alpha, so by the union bound the chance of
// a wrong decision at any look stays within alpha. rho = 1 spends evenly (Pocock-like);
// larger rho keeps early looks strict and most of alpha for the last one (O'Brien–Fleming-like).
import { decide, type Decision, type Direction } from './decision.js'
import { checkAlpha, type Interval } from './interval.js'
import { wilsonInterval } from './wilson.js'

export interface SequentialPlan {
  alpha: number
  budget: number
  batchSize: number
  /** Case counts at which the procedure looks. The last one is the budget. */
  looks: number[]
  /** Alpha spent at each look; sums to alpha. */
  alphaAt: number[]
}

export const DEFAULT_SPENDING_RHO = 2

export function sequentialPlan(p: { alpha: number; budget: number; batchSize: number; rho?: number }): SequentialPlan {
  checkAlpha(p.alpha)
  if (!Number.isInteger(p.budget) || p.budget < 1) throw new RangeError(`budget must be a positive integer, got ${p.budget}`)
  if (!Number.isInteger(p.batchSize) || p.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${p.batchSize}`)
  const rho = p.rho ?? DEFAULT_SPENDING_RHO
  // A look after every full batch; a remainder smaller than a batch joins the last look, so a
  // budget below two batches is judged in one look at the full alpha.
  const full = Math.max(1, Math.floor(p.budget / p.batchSize))
  const looks = Array.from({ length: full }, (_, i) => (i === full - 1 ? p.budget : (i + 1) * p.batchSize))
  const spent = (n: number) => p.alpha * (n / p.budget) ** rho
  const alphaAt = looks.map((n, i) => spent(n) - (i === 0 ? 0 : spent(looks[i - 1]!)))
  return { alpha: p.alpha, budget: p.budget, batchSize: p.batchSize, looks, alphaAt }
}

/** Bonferroni across the categories of one check: each category gets alpha / categories. */
export const perCategoryAlpha = (alpha: number, categories: number) => alpha / Math.max(1, categories)

export interface SequentialOutcome {
  /** The 95% interval over every case judged, for reporting. */
  interval: Interval
  /** The interval at the last look, at that look's spent alpha: the one that decided. */
  decisionInterval: Interval
  decision: Decision
  casesUsed: number
  budget: number
  looks: number
}

/** One look: the rate's Wilson interval at this look's share of alpha, and the decision. */
export function decideAtLook(plan: SequentialPlan, look: number, successes: number, n: number, threshold: number, direction: Direction) {
  const interval = wilsonInterval(successes, n, plan.alphaAt[look]!)
  return { interval, decision: decide({ interval, threshold, direction }) }
}

/**
 * Judges cases in batches along the plan and stops at the first look that decides. `judge`
 * gets the half-open range [from, to) of case positions and says for each whether it counts
 * as a success (a defended attack, a right answer, ...).
 */
export async function sampleSequentially(p: {
  plan: SequentialPlan
  threshold: number
  direction: Direction
  judge: (from: number, to: number) => Promise<boolean[]>
  /** Level of the reported interval (default 0.05). */
  reportAlpha?: number
}): Promise<SequentialOutcome> {
  let successes = 0
  let judged = 0
  let last: ReturnType<typeof decideAtLook> | undefined
  let look = 0
  for (; look < p.plan.looks.length; look++) {
    const to = p.plan.looks[look]!
    const results = await p.judge(judged, to)
    if (results.length !== to - judged) throw new Error(`judged ${results.length} cases where ${to - judged} were asked for`)
    successes += results.filter(Boolean).length
    judged = to
    last = decideAtLook(p.plan, look, successes, judged, p.threshold, p.direction)
    if (last.decision.outcome !== 'inconclusive') break
  }
  return {
    interval: wilsonInterval(successes, judged, p.reportAlpha ?? 0.05),
    decisionInterval: last!.interval,
    decision: last!.decision,
    casesUsed: judged,
    budget: p.plan.budget,
    looks: Math.min(look + 1, p.plan.looks.length),
  }
}
