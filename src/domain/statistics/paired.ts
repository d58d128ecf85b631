// Paired comparison of two models on the same items: each item is right or wrong for the
// candidate and for the baseline. Only the discordant items carry information about the
// difference: b (candidate right, baseline wrong) and c (candidate wrong, baseline right).
import { checkAlpha, clamp, type Interval } from './interval.js'
import { zTwoSided } from './normal.js'

export interface PairedCounts {
  /** Items both got right. */
  both: number
  /** Candidate right, baseline wrong. */
  candidateOnly: number
  /** Candidate wrong, baseline right. */
  baselineOnly: number
  /** Items both got wrong. */
  neither: number
}

export function pairedCounts(candidate: readonly boolean[], baseline: readonly boolean[]): PairedCounts {
  if (candidate.length !== baseline.length) throw new RangeError('paired outcomes must have one entry per item on both sides')
  const c: PairedCounts = { both: 0, candidateOnly: 0, baselineOnly: 0, neither: 0 }
  candidate.forEach((x, i) => {
    const y = baseline[i]
    if (x && y) c.both++
    else if (x) c.candidateOnly++
    else if (y) c.baselineOnly++
    else c.neither++
  })
  return c
}

const total = (c: PairedCounts) => c.both + c.candidateOnly + c.baselineOnly + c.neither

function logChoose(n: number, k: number): number {
  let s = 0
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i)
  return s
}

/** Exact (binomial) McNemar test: two-sided p-value of "no difference" given the discordant pairs. */
export function mcnemarExact(c: PairedCounts): { discordant: number; pValue: number } {
  const b = c.candidateOnly
  const d = b + c.baselineOnly
  if (d === 0) return { discordant: 0, pValue: 1 }
  const k = Math.min(b, c.baselineOnly)
  let tail = 0
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(d, i) - d * Math.LN2)
  return { discordant: d, pValue: Math.min(1, 2 * tail) }
}

/**
 * Tango's score interval for the paired difference (candidate − baseline) of two proportions
 * (Tango 1998, Statistics in Medicine 17:891). Unlike the Wald interval it does not shrink to
 * a point when no item is discordant: with n items and none discordant it is
 * [−z²/(n + z²), z²/(n + z²)], about ±3.84/n at the 95% level.
 */
export function pairedDifference(c: PairedCounts, alpha = 0.05): Interval {
  checkAlpha(alpha)
  const n = total(c)
  const b = c.candidateOnly
  const d = c.baselineOnly
  if (n === 0) return { estimate: 0, n: 0, ci: [-1, 1], alpha, method: 'tango-score' }
  const z = zTwoSided(alpha)
  const estimate = (b - d) / n
  // Score statistic for H0: difference = delta, with the nuisance parameter at its
  // restricted maximum-likelihood value. Decreasing in delta.
  const score = (delta: number) => {
    const w = -b - d + (2 * n - b + d) * delta
    const q21 = (Math.sqrt(Math.max(0, w * w + 8 * n * d * delta * (1 - delta))) - w) / (4 * n)
    const variance = n * (2 * q21 + delta * (1 - delta))
    const num = b - d - n * delta
    if (variance <= 0) return num === 0 ? 0 : num > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY
    return num / Math.sqrt(variance)
  }
  // The interval holds the deltas the score test does not reject; found by bisection.
  const solve = (from: number, to: number, target: number) => {
    let lo = from
    let hi = to
    for (let i = 0; i < 80; i++) {
      const mid = (lo + hi) / 2
      // On the lower side score > target means mid is still rejected (too small).
      if ((score(mid) - target) * (score(from) - target) > 0) lo = mid
      else hi = mid
    }
    return (lo + hi) / 2
  }
  const lower = score(-1) <= z ? -1 : solve(-1, estimate, z)
  const upper = score(1) >= -z ? 1 : solve(estimate, 1, -z)
  return { estimate, n, ci: [clamp(lower, -1, 1), clamp(upper, -1, 1)], alpha, method: 'tango-score' }
}

/**
 * The fewest distinct paired items on which an identical model (no discordant item) can pass a
 * non-inferiority margin of `maxDrop`: its interval is ±z²/(n + z²), whose lower bound clears
 * −maxDrop only when n > z²(1 − maxDrop)/maxDrop (189 at 0.02, 381 at 0.01, at α 0.05). Below
 * it the check can never pass, whatever the model: a dataset minimum must be at least this.
 */
export function nonInferiorityMinimumItems(maxDrop: number, alpha = 0.05): number {
  checkAlpha(alpha)
  if (!(maxDrop > 0)) return Number.POSITIVE_INFINITY
  if (maxDrop >= 1) return 1
  const z = zTwoSided(alpha)
  return Math.floor((z * z * (1 - maxDrop)) / maxDrop) + 1
}
