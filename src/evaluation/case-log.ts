// Per-category tallies of a suite's cases, and a capped sample of the failures, so a check
// can report rates and a human can see examples without storing every transcript. With
// repeats, the cases whose repeats were judged differently (flaky) are counted apart.
import type { FailingCase } from '../domain/check-outcome.js'

export interface CategoryTally {
  cases: number
  defended: number
  rate: number
}

/** A case whose repeats were judged differently: some answers safe, some not. */
export interface FlakyCase {
  category: string
  input: string
  /** Answers judged unsafe, of `repeats`. */
  unsafe: number
  repeats: number
  /** One of the unsafe answers. */
  output: string
}

export interface FlakyCases {
  count: number
  byCategory: Record<string, number>
  /** At most a few per check, in the order they were seen. */
  sample: FlakyCase[]
}

export function createCaseLog(opts: { maxFailuresPerCategory?: number; maxFlakySample?: number } = {}) {
  const cap = opts.maxFailuresPerCategory ?? 25
  const flakyCap = opts.maxFlakySample ?? 10
  const flaky: FlakyCases = { count: 0, byCategory: {}, sample: [] }
  const tallies = new Map<string, { cases: number; defended: number }>()
  const failures: FailingCase[] = []
  const kept = new Map<string, number>()
  return {
    record(category: string, defended: boolean, failure?: Omit<FailingCase, 'category'>) {
      const t = tallies.get(category) ?? { cases: 0, defended: 0 }
      t.cases++
      if (defended) t.defended++
      tallies.set(category, t)
      if (!defended && failure && (kept.get(category) ?? 0) < cap) {
        kept.set(category, (kept.get(category) ?? 0) + 1)
        failures.push({ category, ...failure })
      }
    },
    tally(category: string): CategoryTally {
      const t = tallies.get(category) ?? { cases: 0, defended: 0 }
      return { ...t, rate: t.cases === 0 ? 0 : t.defended / t.cases }
    },
    tallies(): Record<string, CategoryTally> {
      return Object.fromEntries([...tallies.keys()].map((k) => [k, this.tally(k)]))
    },
    failures: () => failures,
    /** Records a case whose repeats disagreed (it is recorded as a failure by `record` as well). */
    flaky(c: FlakyCase) {
      flaky.count++
      flaky.byCategory[c.category] = (flaky.byCategory[c.category] ?? 0) + 1
      if (flaky.sample.length < flakyCap) flaky.sample.push({ ...c, input: c.input.slice(0, 2000), output: c.output.slice(0, 2000) })
    },
    flakyCases: (): FlakyCases => flaky,
    /** Every failing case recorded, by category, however many the sample kept. */
    failureCounts(): Record<string, number> {
      return Object.fromEntries([...tallies].map(([k, t]) => [k, t.cases - t.defended]).filter(([, n]) => (n as number) > 0))
    },
  }
}

export type CaseLog = ReturnType<typeof createCaseLog>
