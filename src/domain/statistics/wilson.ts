// Wilson score interval for a proportion: keeps its coverage near the nominal level for small
// n and for rates near 0 or 1, where the textbook (Wald) interval collapses to a point.
import { checkAlpha, checkCount, clamp, type Interval } from './interval.js'
import { zTwoSided } from './normal.js'

export function wilsonBounds(x: number, n: number, z: number): [number, number] {
  if (n === 0) return [0, 1]
  const p = x / n
  const z2 = z * z
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n)
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  // At x = 0 or x = n one bound is exactly 0 or 1; floating point must not move it.
  return [x === 0 ? 0 : clamp(centre - half, 0, 1), x === n ? 1 : clamp(centre + half, 0, 1)]
}

export function wilsonInterval(x: number, n: number, alpha = 0.05): Interval {
  checkCount('wilsonInterval', x, n)
  checkAlpha(alpha)
  return { estimate: n === 0 ? 0 : x / n, n, ci: wilsonBounds(x, n, zTwoSided(alpha)), alpha, method: 'wilson' }
}

/**
 * The Wilson bounds the same rate would have over m cases, for "how many more would decide".
 * The count is left fractional (rate · m) so the bounds shrink smoothly with m; rounded
 * counts would make the boundary ragged and the search for it unreliable.
 */
export const wilsonBoundsAt = (rate: number, alpha = 0.05) => (m: number) => wilsonBounds(rate * m, m, zTwoSided(alpha))
