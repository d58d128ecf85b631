// Deterministic, stratified sampling: every stratum (category, template, carrier) keeps its
// share, so capping a suite's size never silently drops an attack family.
import { createRng } from '../corpora/prng.js'

// The strata are interleaved even when everything fits, so every prefix of the result is
// itself stratified: sequential sampling judges the cases in this order and may stop early.
export function stratifiedSample<T>(items: readonly T[], key: (t: T) => string, max: number, seed: string): T[] {
  const rng = createRng(seed)
  const strata = new Map<string, T[]>()
  for (const it of items) strata.set(key(it), [...(strata.get(key(it)) ?? []), it])
  const groups = [...strata.values()].map((g) => rng.shuffle([...g]))
  const out: T[] = []
  // Round-robin over the strata until the budget is spent.
  for (let i = 0; out.length < max; i++) {
    let took = false
    for (const g of groups) {
      if (i < g.length && out.length < max) {
        out.push(g[i]!)
        took = true
      }
    }
    if (!took) break
  }
  return out
}
