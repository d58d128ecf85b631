// What every measured figure is reported as: the estimate, the number of distinct inputs it
// rests on, a two-sided interval and the method that produced it.

export interface Interval {
  estimate: number
  /** Distinct inputs (or pairs) the estimate rests on. */
  n: number
  ci: [number, number]
  /** Level of the interval: two-sided, so each side errs with probability alpha / 2. */
  alpha: number
  method: string
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x))

export function checkCount(name: string, x: number, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name}: n must be a non-negative integer, got ${n}`)
  if (!Number.isInteger(x) || x < 0 || x > n) throw new RangeError(`${name}: count must be an integer from 0 to n=${n}, got ${x}`)
}

export function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${alpha}`)
}
