// Per-category tallies of a suite's cases, and a capped sample of the failures, so a check
// can report rates and a human can see examples without storing every transcript.
import type { FailingCase } from '../domain/check-outcome.js'

export interface CategoryTally {
  cases: number
  defended: number
  rate: number
}

export function createCaseLog(opts: { maxFailuresPerCategory?: number } = {}) {
  const cap = opts.maxFailuresPerCategory ?? 25
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
    /** Every failing case recorded, by category, however many the sample kept. */
    failureCounts(): Record<string, number> {
      return Object.fromEntries([...tallies].map(([k, t]) => [k, t.cases - t.defended]).filter(([, n]) => (n as number) > 0))
    },
  }
}

export type CaseLog = ReturnType<typeof createCaseLog>
