// What a measured check records about how the model was asked, next to what it measured: the
// generation settings of a chat model (temperature, seed, repeats) and how many answers came
// from the evaluation cache versus the model. `ev` is the check's own view of the services
// (EvaluationServices.scoped()), so the counts are this check's.
import type { CheckOutcome } from '../domain/check-outcome.js'
import type { EvaluationServices } from '../evaluation/services.js'

export function withEvaluationRecord(outcome: CheckOutcome, ev: EvaluationServices): CheckOutcome {
  const u = ev.usage()
  const asked = u.cache.hits + u.cache.calls > 0
  if (!u.chat && !asked) return outcome
  const g = ev.generation
  return {
    ...outcome,
    details: {
      ...outcome.details,
      ...(u.chat ? { generation: { temperature: g.temperature, seed: g.seed ?? null, repeats: g.repeats } } : {}),
      ...(asked ? { cache: { hits: u.cache.hits, calls: u.cache.calls, ...(u.cache.storeErrors ? { storeErrors: u.cache.storeErrors } : {}), ...(ev.cacheOff ? { off: ev.cacheOff } : {}) } } : {}),
    },
  }
}
