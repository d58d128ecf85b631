// A promotion's evaluation budget, enforced where every call to its model, output filter and
// judge passes: the limiter. A call is admitted only while the promotion is under its call,
// token and wall-time limits; the first call refused throws BudgetExhausted, which the
// measured checks report as inconclusive (never as a pass). The counts start from what earlier
// tiers of the promotion spent (kept in the database by the tier runner), so the budget is the
// promotion's, not one tier's.
import type { EvaluationBudget } from '../domain/policy-settings.js'
import type { Limiter } from './adapters/limiter.js'

export interface BudgetUsage {
  calls: number
  tokens: number
  wallSeconds: number
  limits: EvaluationBudget
}

/** The promotion reached one of its evaluation limits; no further call was made. */
export class BudgetExhausted extends Error {
  constructor(readonly limit: 'calls' | 'tokens' | 'wall', message: string, readonly usage: BudgetUsage) {
    super(message)
    this.name = 'BudgetExhausted'
  }
}

export interface BudgetMeter {
  /** Throws BudgetExhausted when a limit is reached; otherwise counts one call. */
  admit(): void
  /** Adds the tokens a chat answer reports (usage.total_tokens); other answers add none. */
  observe(body: unknown): void
  usage(): BudgetUsage
  /** Calls and tokens counted since the last take, for the tier runner to add to the stored totals. */
  takeUnsaved(): { calls: number; tokens: number }
}

export function createBudgetMeter(opts: {
  limits: EvaluationBudget
  /** When the promotion's first evaluation started (ms since the epoch). */
  startedAt: number
  /** What earlier tiers (or an earlier attempt of this one) already spent. */
  spent?: { calls: number; tokens: number }
  now?: () => number
}): BudgetMeter {
  const now = opts.now ?? Date.now
  const { limits } = opts
  let calls = opts.spent?.calls ?? 0
  let tokens = opts.spent?.tokens ?? 0
  let unsaved = { calls: 0, tokens: 0 }
  const wallSeconds = () => Math.max(0, (now() - opts.startedAt) / 1000)

  const meter: BudgetMeter = {
    admit() {
      const refuse = (limit: BudgetExhausted['limit'], what: string) => {
        throw new BudgetExhausted(limit, `the promotion's ${what} was reached after ${calls} call${calls === 1 ? '' : 's'}`, meter.usage())
      }
      if (calls >= limits.maxModelCalls) refuse('calls', `model-call budget (${limits.maxModelCalls} calls)`)
      if (tokens >= limits.maxTokens) refuse('tokens', `token budget (${limits.maxTokens} tokens; ${tokens} used)`)
      if (wallSeconds() >= limits.maxWallSeconds) refuse('wall', `wall-time budget (${limits.maxWallSeconds} s since its evaluation started)`)
      calls++
      unsaved.calls++
    },
    observe(body) {
      const total = (body as { usage?: { total_tokens?: unknown } } | null)?.usage?.total_tokens
      if (typeof total !== 'number' || !Number.isFinite(total) || total < 0) return
      const n = Math.round(total)
      tokens += n
      unsaved.tokens += n
    },
    usage: () => ({ calls, tokens, wallSeconds: Math.round(wallSeconds() * 10) / 10, limits: { ...limits } }),
    takeUnsaved() {
      const taken = unsaved
      unsaved = { calls: 0, tokens: 0 }
      return taken
    },
  }
  return meter
}

/**
 * The limiter with the budget in front: a call is admitted when it gets its slot (so calls
 * queued behind others are judged at the time they would start), and its answer's token
 * usage is counted.
 */
export function budgeted(limiter: Limiter, meter: BudgetMeter | undefined): Limiter {
  if (!meter) return limiter
  return {
    get active() {
      return limiter.active
    },
    get peak() {
      return limiter.peak
    },
    run<T>(fn: () => Promise<T>): Promise<T> {
      return limiter.run(async () => {
        meter.admit()
        const result = await fn()
        meter.observe(result)
        return result
      })
    },
  }
}
