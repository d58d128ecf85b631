// Properties of the interval methods and the decision rule, over arbitrary counts.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  decide, katzRatio, mcnemarExact, moreCasesToDecide, newcombeDifference, nonInferiorityMinimumItems, pairedDifference, seededUniform,
  sequentialPlan, straddleReason, wilsonBoundsAt, wilsonInterval, zTwoSided, type Interval,
} from '../../src/domain/statistics/index.js'
import { CALIBRATED } from '../../src/domain/statistics/calibrated-defaults.js'

const counts = fc.integer({ min: 0, max: 2000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)))
const alphas = fc.constantFrom(0.001, 0.01, 0.05, 0.1)
const eps = 1e-9

describe('Wilson interval', () => {
  it('holds the estimate, stays in [0, 1], and widens as alpha shrinks', () => {
    fc.assert(fc.property(counts, alphas, ([x, n], alpha) => {
      const i = wilsonInterval(x, n, alpha)
      expect(i.n).toBe(n)
      expect(i.ci[0]).toBeGreaterThanOrEqual(0)
      expect(i.ci[1]).toBeLessThanOrEqual(1)
      expect(i.ci[0]).toBeLessThanOrEqual(i.estimate + eps)
      expect(i.ci[1]).toBeGreaterThanOrEqual(i.estimate - eps)
      const wider = wilsonInterval(x, n, alpha / 2)
      expect(wider.ci[0]).toBeLessThanOrEqual(i.ci[0] + eps)
      expect(wider.ci[1]).toBeGreaterThanOrEqual(i.ci[1] - eps)
    }))
  })

  it('is symmetric: failures mirror successes', () => {
    fc.assert(fc.property(counts, ([x, n]) => {
      const a = wilsonInterval(x, n)
      const b = wilsonInterval(n - x, n)
      expect(a.ci[0]).toBeCloseTo(1 - b.ci[1], 9)
      expect(a.ci[1]).toBeCloseTo(1 - b.ci[0], 9)
    }))
  })

  it('matches the closed form at zero successes: upper bound z²/(n + z²)', () => {
    const z = zTwoSided(0.05)
    expect(wilsonInterval(0, 100).ci[1]).toBeCloseTo((z * z) / (100 + z * z), 12)
    expect(wilsonInterval(0, 100).ci[0]).toBe(0)
  })

  it('covers the true rate in about 95% of samples', () => {
    const rng = seededUniform(7)
    for (const [p, n] of [[0.5, 30], [0.9, 50], [0.97, 200], [0.05, 120]] as const) {
      let covered = 0
      const reps = 2000
      for (let r = 0; r < reps; r++) {
        let x = 0
        for (let i = 0; i < n; i++) if (rng() < p) x++
        const [lo, hi] = wilsonInterval(x, n).ci
        if (lo <= p && p <= hi) covered++
      }
      expect(covered / reps).toBeGreaterThan(0.92)
    }
  })

  it('refuses counts that are not counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError)
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError)
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError)
    expect(() => wilsonInterval(1, 4, 1)).toThrow(RangeError)
  })
})

describe('Newcombe interval for a difference of independent rates', () => {
  it('reproduces Newcombe (1998), example (a): 56/70 − 48/80 → [0.0524, 0.3339]', () => {
    const i = newcombeDifference(56, 70, 48, 80)
    expect(i.ci[0]).toBeCloseTo(0.0524, 4)
    expect(i.ci[1]).toBeCloseTo(0.3339, 4)
  })

  it('holds the estimate and is antisymmetric when the groups swap', () => {
    fc.assert(fc.property(counts, counts, ([x1, n1], [x2, n2]) => {
      const a = newcombeDifference(x1, n1, x2, n2)
      const b = newcombeDifference(x2, n2, x1, n1)
      expect(a.ci[0]).toBeLessThanOrEqual(a.estimate + eps)
      expect(a.ci[1]).toBeGreaterThanOrEqual(a.estimate - eps)
      expect(a.ci[0]).toBeCloseTo(-b.ci[1], 9)
      expect(a.ci[1]).toBeCloseTo(-b.ci[0], 9)
    }))
  })
})

describe('Katz log interval for a ratio of rates', () => {
  it('holds the estimate when both rates are positive, and inverts when the groups swap', () => {
    const positive = fc.integer({ min: 1, max: 500 }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)))
    fc.assert(fc.property(positive, positive, ([x1, n1], [x2, n2]) => {
      const a = katzRatio(x1, n1, x2, n2)
      const b = katzRatio(x2, n2, x1, n1)
      expect(a.ci[0]).toBeLessThanOrEqual(a.estimate * (1 + eps))
      expect(a.ci[1]).toBeGreaterThanOrEqual(a.estimate * (1 - eps))
      expect(a.ci[0]).toBeCloseTo(1 / b.ci[1], 6)
    }))
  })

  it('gives a finite interval when one group is never selected', () => {
    const i = katzRatio(0, 50, 20, 50)
    expect(i.estimate).toBe(0)
    expect(Number.isFinite(i.ci[1])).toBe(true)
    expect(i.ci[1]).toBeLessThan(0.5)
  })
})

describe('paired difference and the exact McNemar test', () => {
  const paired = fc.record({ both: fc.nat(400), candidateOnly: fc.nat(60), baselineOnly: fc.nat(60), neither: fc.nat(100) })
    .filter((c) => c.both + c.candidateOnly + c.baselineOnly + c.neither > 0)

  it('holds the estimate and negates when candidate and baseline swap', () => {
    fc.assert(fc.property(paired, (c) => {
      const a = pairedDifference(c)
      const b = pairedDifference({ ...c, candidateOnly: c.baselineOnly, baselineOnly: c.candidateOnly })
      expect(a.ci[0]).toBeLessThanOrEqual(a.estimate + 1e-6)
      expect(a.ci[1]).toBeGreaterThanOrEqual(a.estimate - 1e-6)
      expect(a.ci[0]).toBeCloseTo(-b.ci[1], 6)
    }))
  })

  it('excludes zero exactly when the McNemar score test rejects at the same level', () => {
    const z = zTwoSided(0.05)
    fc.assert(fc.property(paired, (c) => {
      const d = c.candidateOnly + c.baselineOnly
      const stat = d === 0 ? 0 : Math.abs(c.candidateOnly - c.baselineOnly) / Math.sqrt(d)
      if (Math.abs(stat - z) < 1e-6) return
      const [lo, hi] = pairedDifference(c).ci
      expect(lo > 0 || hi < 0).toBe(stat > z)
    }))
  })

  it('with no discordant item is ±z²/(n + z²): about −3.8/n, so an identical model cannot look worse than that', () => {
    const z2 = zTwoSided(0.05) ** 2
    for (const n of [50, 200, 400, 1000]) {
      const [lo, hi] = pairedDifference({ both: n - 10, candidateOnly: 0, baselineOnly: 0, neither: 10 }).ci
      expect(lo).toBeCloseTo(-z2 / (n + z2), 6)
      expect(hi).toBeCloseTo(z2 / (n + z2), 6)
    }
  })

  it('names the fewest items on which an identical model passes a margin: 189 at 0.02, 381 at 0.01', () => {
    expect(nonInferiorityMinimumItems(0.02)).toBe(189)
    expect(nonInferiorityMinimumItems(0.01)).toBe(381)
    expect(nonInferiorityMinimumItems(0)).toBe(Number.POSITIVE_INFINITY)
    fc.assert(fc.property(fc.double({ min: 0.002, max: 0.5, noNaN: true }), alphas, (maxDrop, alpha) => {
      const n = nonInferiorityMinimumItems(maxDrop, alpha)
      const identical = (items: number) => pairedDifference({ both: items, candidateOnly: 0, baselineOnly: 0, neither: 0 }, alpha).ci[0]
      expect(identical(n)).toBeGreaterThan(-maxDrop)
      expect(identical(n - 1)).toBeLessThanOrEqual(-maxDrop + 1e-9)
    }))
  })

  it('ships a default margin that an identical model passes at the default minimum of paired items', () => {
    expect(CALIBRATED.regression.minDistinctItems).toBeGreaterThanOrEqual(nonInferiorityMinimumItems(CALIBRATED.regression.maxDrop))
  })

  it('computes the exact binomial p-value', () => {
    expect(mcnemarExact({ both: 10, candidateOnly: 0, baselineOnly: 6, neither: 0 }).pValue).toBeCloseTo(2 / 64, 12)
    expect(mcnemarExact({ both: 10, candidateOnly: 3, baselineOnly: 3, neither: 0 }).pValue).toBe(1)
    expect(mcnemarExact({ both: 10, candidateOnly: 0, baselineOnly: 0, neither: 0 })).toEqual({ discordant: 0, pValue: 1 })
    fc.assert(fc.property(paired, (c) => {
      const p = mcnemarExact(c).pValue
      expect(p).toBeGreaterThan(0)
      expect(p).toBeLessThanOrEqual(1)
      expect(mcnemarExact({ ...c, candidateOnly: c.baselineOnly, baselineOnly: c.candidateOnly }).pValue).toBeCloseTo(p, 12)
    }))
  })
})

describe('the fail-closed decision', () => {
  const intervals = fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5000 }))
    .map(([a, b, n]): Interval => {
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      return { estimate: (lo + hi) / 2, n, ci: [lo, hi], alpha: 0.05, method: 'test' }
    })
  const thresholds = fc.double({ min: 0, max: 1, noNaN: true })

  it('passes only when the interval clears the threshold and fails only when it is wholly on the wrong side', () => {
    fc.assert(fc.property(intervals, thresholds, fc.constantFrom('atLeast' as const, 'atMost' as const), (interval, t, direction) => {
      const d = decide({ interval, threshold: t, direction })
      const [lo, hi] = interval.ci
      if (d.outcome === 'pass') expect(direction === 'atLeast' ? lo > t : hi < t).toBe(true)
      if (d.outcome === 'fail') expect(direction === 'atLeast' ? hi < t : lo > t).toBe(true)
      if (lo <= t && t <= hi) expect(d.outcome).toBe('inconclusive')
      expect(d.alpha).toBe(0.05)
    }))
  })

  it('estimates how many more cases would decide, and that many do decide when the estimate holds', () => {
    fc.assert(fc.property(fc.integer({ min: 20, max: 2000 }), fc.double({ min: 0.02, max: 0.98, noNaN: true }), fc.double({ min: 0.02, max: 0.98, noNaN: true }), (n, p, t) => {
      const i = wilsonInterval(Math.round(p * n), n)
      if (Math.abs(i.estimate - t) < 0.005) return
      const boundsAt = wilsonBoundsAt(i.estimate)
      const more = moreCasesToDecide(i, t, boundsAt)!
      expect(more).toBeGreaterThanOrEqual(0)
      const above = i.estimate > t
      const decides = (m: number) => (above ? boundsAt(m)[0] > t : boundsAt(m)[1] < t)
      // Were the rate to hold, that many more cases decide, and one fewer does not.
      expect(decides(n + more)).toBe(true)
      if (more > 0) expect(decides(n + more - 1)).toBe(false)
      // Close to what rounded counts give: the interval over n + more cases, rounded, decides
      // or is within a few cases of deciding.
      const m = n + more + 3
      const rounded = wilsonInterval(Math.round(i.estimate * m), m)
      expect(decide({ interval: rounded, threshold: t, direction: above ? 'atLeast' : 'atMost' }).outcome).not.toBe('fail')
    }))
  })

  it('without a recomputation, scales half-widths like 1/√n', () => {
    const i: Interval = { estimate: 0.5, n: 100, ci: [0.4, 0.6], alpha: 0.05, method: 'test' }
    // The half-width 0.1 must shrink below 0.05, strictly: just over four times the cases.
    expect(moreCasesToDecide(i, 0.45)).toBe(301)
    expect(moreCasesToDecide(i, 0.5)).toBeNull()
    expect(moreCasesToDecide(i, 0.3)).toBe(0)
  })

  it('words the reason with the interval, the threshold and the estimate of cases', () => {
    const i = wilsonInterval(54, 60)
    expect(straddleReason(i, 0.9)).toMatch(/^inconclusive: the interval \[0\.798\d*, 0\.953\d*\] straddles 0\.9; the estimate sits on the threshold, so more cases alone would not decide$/)
    expect(straddleReason(wilsonInterval(57, 60), 0.9)).toMatch(/^inconclusive: the interval \[0\.86\d+, 0\.98\d+\] straddles 0\.9; about \d+ more cases would decide$/)
  })
})

describe('sequential plan', () => {
  it('spends exactly alpha over looks that end at the budget', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 500 }), fc.double({ min: 0.5, max: 4, noNaN: true }), (budget, batch, rho) => {
      const plan = sequentialPlan({ alpha: 0.05, budget, batchSize: batch, rho })
      expect(plan.looks.at(-1)).toBe(budget)
      expect(plan.looks.every((n, i) => i === 0 || n > plan.looks[i - 1]!)).toBe(true)
      expect(plan.alphaAt.reduce((a, b) => a + b, 0)).toBeCloseTo(0.05, 12)
      expect(plan.alphaAt.every((a) => a > 0)).toBe(true)
      // No look but the last is short of a full batch, and the last holds less than two.
      expect(plan.looks.every((n, i) => n - (i === 0 ? 0 : plan.looks[i - 1]!) >= Math.min(batch, budget))).toBe(true)
      expect(budget - (plan.looks.at(-2) ?? 0)).toBeLessThan(2 * batch)
    }))
  })

  it('judges a budget smaller than two batches in one look at the full alpha', () => {
    expect(sequentialPlan({ alpha: 0.05, budget: 76, batchSize: 60 })).toMatchObject({ looks: [76], alphaAt: [0.05] })
    expect(sequentialPlan({ alpha: 0.05, budget: 162, batchSize: 40 }).looks).toEqual([40, 80, 120, 162])
  })
})
