// Newcombe's hybrid score interval (his method 10) for the difference p1 − p2 of two
// independent proportions, e.g. the selection rates of two groups (demographic parity).
import { checkAlpha, checkCount, clamp, type Interval } from './interval.js'
import { zTwoSided } from './normal.js'
import { wilsonBounds } from './wilson.js'

export function newcombeDifference(x1: number, n1: number, x2: number, n2: number, alpha = 0.05): Interval {
  checkCount('newcombeDifference', x1, n1)
  checkCount('newcombeDifference', x2, n2)
  checkAlpha(alpha)
  const z = zTwoSided(alpha)
  const p1 = n1 === 0 ? 0 : x1 / n1
  const p2 = n2 === 0 ? 0 : x2 / n2
  const [l1, u1] = wilsonBounds(x1, n1, z)
  const [l2, u2] = wilsonBounds(x2, n2, z)
  const d = p1 - p2
  const lo = d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
  const hi = d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
  return { estimate: d, n: n1 + n2, ci: [clamp(lo, -1, 1), clamp(hi, -1, 1)], alpha, method: 'newcombe-hybrid-score' }
}

/** The interval of |p1 − p2|, the form a parity gate compares with its maximum. */
export function absoluteDifference(i: Interval): Interval {
  const [lo, hi] = i.ci
  const absLo = lo <= 0 && hi >= 0 ? 0 : Math.min(Math.abs(lo), Math.abs(hi))
  return { ...i, estimate: Math.abs(i.estimate), ci: [absLo, Math.max(Math.abs(lo), Math.abs(hi))], method: `${i.method} (absolute)` }
}
