// Katz's log-method interval for a ratio of two independent proportions p1 / p2, e.g. the
// disparate impact of the less selected group against the more selected one. A zero count
// gets the usual 0.5 continuity correction so the logarithm exists.
import { checkAlpha, checkCount, type Interval } from './interval.js'
import { zTwoSided } from './normal.js'

export function katzRatio(x1: number, n1: number, x2: number, n2: number, alpha = 0.05): Interval {
  checkCount('katzRatio', x1, n1)
  checkCount('katzRatio', x2, n2)
  checkAlpha(alpha)
  if (n1 === 0 || n2 === 0) return { estimate: 0, n: n1 + n2, ci: [0, Number.POSITIVE_INFINITY], alpha, method: 'katz-log' }
  const estimate = x2 === 0 ? (x1 === 0 ? 1 : Number.POSITIVE_INFINITY) : x1 / n1 / (x2 / n2)
  const corrected = x1 === 0 || x2 === 0
  const a = corrected ? x1 + 0.5 : x1
  const b = corrected ? x2 + 0.5 : x2
  const m1 = corrected ? n1 + 0.5 : n1
  const m2 = corrected ? n2 + 0.5 : n2
  const logRatio = Math.log(a / m1 / (b / m2))
  const se = Math.sqrt(1 / a - 1 / m1 + 1 / b - 1 / m2)
  const z = zTwoSided(alpha)
  return { estimate, n: n1 + n2, ci: [Math.exp(logRatio - z * se), Math.exp(logRatio + z * se)], alpha, method: 'katz-log' }
}
