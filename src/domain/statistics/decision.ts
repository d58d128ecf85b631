// The fail-closed decision rule. The burden of proof lies on the model: a bound passes only
// when the whole interval clears the threshold, fails when the whole interval is on the wrong
// side, and is inconclusive when the interval straddles it.
import type { Interval } from './interval.js'

export type Direction = 'atLeast' | 'atMost'
export type Outcome = 'pass' | 'fail' | 'inconclusive'

export interface Decision {
  outcome: Outcome
  /** The rule in words, naming which way the burden of proof lies. */
  rule: string
  /** The level of the interval the decision used (after any correction). */
  alpha: number
}

const fmt = (x: number) => (Number.isFinite(x) ? String(Math.round(x * 10000) / 10000) : String(x))

export function decide(d: { interval: Interval; threshold: number; direction: Direction }): Decision {
  const [lo, hi] = d.interval.ci
  const t = d.threshold
  const level = `${fmt(100 * (1 - d.interval.alpha))}%`
  if (d.direction === 'atLeast') {
    const outcome: Outcome = lo > t ? 'pass' : hi < t ? 'fail' : 'inconclusive'
    return { outcome, rule: `passes only when the ${level} interval's lower bound exceeds ${fmt(t)}; fails when its upper bound is below ${fmt(t)}`, alpha: d.interval.alpha }
  }
  const outcome: Outcome = hi < t ? 'pass' : lo > t ? 'fail' : 'inconclusive'
  return { outcome, rule: `passes only when the ${level} interval's upper bound is below ${fmt(t)}; fails when its lower bound exceeds ${fmt(t)}`, alpha: d.interval.alpha }
}

/**
 * About how many more cases would decide, were the estimate to hold. `boundsAt(N)` gives the
 * interval the same estimate would have over N cases; without it, half-widths are taken to
 * shrink like 1/√N. Null when the estimate sits on the threshold (no number of cases decides
 * then).
 */
export function moreCasesToDecide(interval: Interval, threshold: number, boundsAt?: (n: number) => [number, number]): number | null {
  const { estimate, n, ci } = interval
  if (n === 0 || Math.abs(estimate - threshold) < 1e-12) return null
  const above = estimate > threshold
  const scaled = (m: number): [number, number] => [estimate - (estimate - ci[0]) * Math.sqrt(n / m), estimate + (ci[1] - estimate) * Math.sqrt(n / m)]
  const at = boundsAt ?? scaled
  const decides = (m: number) => {
    const [lo, hi] = at(m)
    return above ? lo > threshold : hi < threshold
  }
  if (decides(n)) return 0
  // Doubling, then bisection, for the smallest N that decides.
  let hi = n * 2
  while (!decides(hi)) {
    hi *= 2
    if (hi > 1e9) return null
  }
  let lo = Math.max(n, hi / 2)
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2)
    if (decides(mid)) hi = mid
    else lo = mid
  }
  return hi - n
}

export function straddleReason(interval: Interval, threshold: number, boundsAt?: (n: number) => [number, number]): string {
  const more = moreCasesToDecide(interval, threshold, boundsAt)
  const tail = more === null ? 'the estimate sits on the threshold, so more cases alone would not decide' : `about ${more} more cases would decide`
  return `inconclusive: the interval [${fmt(interval.ci[0])}, ${fmt(interval.ci[1])}] straddles ${fmt(threshold)}; ${tail}`
}
