// Shared by the checks that measure the model: a missing endpoint or dataset, or an endpoint
// that is down or answers garbage, is a failed check that says so, never a pass and never a
// crash of the gate job. What the endpoint itself answered is kept apart from the summary
// (details.endpointResponse, truncated): the summary and failure report are read by every
// role, the endpoint's words only by those promotion-view.ts lets see them. And how a measured
// check reports and decides: every metric as {estimate, n, ci, method}, every decision
// fail-closed as {outcome, rule, alpha}, and an inconclusive measurement blocking unless the
// policy says onInconclusive: "warn".
import { EndpointError } from '../../evaluation/adapters/http-json.js'
import { ENDPOINT_RESPONSE } from '../../domain/endpoint-response.js'
import { NotEvaluable } from '../../evaluation/services.js'
import { BudgetExhausted } from '../../evaluation/budget.js'
import { DEFAULT_ALPHA } from '../../domain/statistics/calibrated-defaults.js'
import { straddleReason, wilsonBoundsAt, type Decision, type Interval, type Outcome } from '../../domain/statistics/index.js'
import { failed, type CheckOutcome } from '../check.js'
import type { FlakyCases } from '../../evaluation/case-log.js'
import { Type } from 'typebox'

export async function measured(threshold: unknown, fn: () => Promise<CheckOutcome>, settings?: Pick<DecisionSettings, 'onInconclusive'>): Promise<CheckOutcome> {
  try {
    return await fn()
  } catch (err) {
    if (err instanceof BudgetExhausted) return budgetReached(err, threshold, settings?.onInconclusive ?? 'block')
    if (err instanceof NotEvaluable) {
      return failed(`cannot measure: ${err.message}`, err.remedy, { threshold, details: { error: err.message } })
    }
    if (err instanceof EndpointError) {
      return failed(`the model could not be evaluated: ${err.message}`, err.kind === 'invalid_response'
        ? 'make the endpoint answer the protocol it declares (mlflow-invocations or openai-chat, as the README describes), then promote again'
        : 'make the endpoint reachable from the modelgate workers and healthy, then promote again', { threshold, details: { error: err.message, kind: err.kind, status: err.status ?? null, ...(err.responseText ? { [ENDPOINT_RESPONSE]: err.responseText } : {}) } })
    }
    throw err
  }
}

/**
 * The promotion ran out of evaluation budget before this check decided: nothing was judged on
 * what was not measured, so the check is inconclusive with that reason (blocking unless the
 * policy says onInconclusive: "warn").
 */
function budgetReached(err: BudgetExhausted, threshold: unknown, onInconclusive: OnInconclusive): CheckOutcome {
  const reason = `inconclusive: ${err.message}`
  const allowed = onInconclusive === 'warn'
  return {
    status: 'inconclusive',
    measured: null,
    threshold,
    summary: reason,
    remedy: allowed
      ? 'the policy lets this check through as a warning (onInconclusive: warn); raise settings.evaluation.budget to measure it'
      : 'raise the limit in settings.evaluation.budget (maxModelCalls, maxWallSeconds, maxTokens) or make the evaluation cheaper (smaller case budgets), then re-run the promotion',
    details: { inconclusive: [reason], budgetExhausted: err.limit, budget: err.usage, onInconclusive, ...(allowed ? { allowedByPolicy: true } : {}) },
  }
}

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`
export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits

/** A metric as reported: the estimate, distinct inputs, the 95% interval and its method. */
export interface ReportedMetric {
  estimate: number
  n: number
  ci: [number, number]
  method: string
  /** Where sequential sampling or a correction decided: the interval the decision used. */
  decisionInterval?: { ci: [number, number]; alpha: number; method: string }
  casesUsed?: number
  caseBudget?: number
}

export function reported(i: Interval, decidedBy?: Interval, sampling?: { casesUsed: number; caseBudget: number }): ReportedMetric {
  return {
    estimate: round(i.estimate),
    n: i.n,
    ci: [round(i.ci[0]), round(i.ci[1])],
    method: i.method,
    ...(decidedBy && (decidedBy.alpha !== i.alpha || decidedBy.method !== i.method)
      ? { decisionInterval: { ci: [round(decidedBy.ci[0]), round(decidedBy.ci[1])], alpha: round(decidedBy.alpha, 6), method: decidedBy.method } }
      : {}),
    ...(sampling ?? {}),
  }
}

export type OnInconclusive = 'block' | 'warn'

export interface DecisionSettings {
  alpha: number
  onInconclusive: OnInconclusive
}

/** The policy parameters every measured check takes: the decision level and what an undecided measurement does. */
export const decisionParams = {
  alpha: Type.Number({ exclusiveMinimum: 0, maximum: 0.5, default: DEFAULT_ALPHA, description: 'two-sided level of each decision interval (before corrections)' }),
  onInconclusive: Type.Union([Type.Literal('block'), Type.Literal('warn')], { default: 'block', description: 'what a measurement that cannot decide does: block the tier, or let it through as a warning' }),
}

export function decisionSettings(params: DecisionSettings): DecisionSettings {
  return { alpha: params.alpha, onInconclusive: params.onInconclusive }
}

/** One gated metric's judgement, for combining into the check's outcome. */
export interface Judged {
  metric: string
  threshold: number
  interval: Interval
  decision: Decision
  /** Recomputes the bounds at another n, for the "about N more cases" estimate of a rate. */
  boundsAt?: (n: number) => [number, number]
}

export const rateBoundsAt = (i: Interval) => wilsonBoundsAt(i.estimate, i.alpha)

/** A check passes only when every gated metric passes, fails when any fails, else is inconclusive. */
export function combinedOutcome(judged: readonly Judged[]): Outcome {
  if (judged.some((j) => j.decision.outcome === 'fail')) return 'fail'
  return judged.length > 0 && judged.every((j) => j.decision.outcome === 'pass') ? 'pass' : 'inconclusive'
}

export const decisionsOf = (judged: readonly Judged[]) => Object.fromEntries(judged.map((j) => [j.metric, j.decision]))

/** The reasons an inconclusive check gives, one per undecided metric. */
export function inconclusiveReasons(judged: readonly Judged[]): string[] {
  return judged.filter((j) => j.decision.outcome === 'inconclusive').map((j) => `${j.metric} ${straddleReason(j.interval, j.threshold, j.boundsAt)}`)
}

/**
 * The check outcome for an undecided measurement: `inconclusive`, blocking by default; with
 * onInconclusive: "warn" it is marked allowedByPolicy, so the promotion goes on with a warning.
 */
export function inconclusive(settings: DecisionSettings, judged: readonly Judged[], rest: Omit<CheckOutcome, 'status' | 'summary' | 'remedy'>): CheckOutcome {
  const reasons = inconclusiveReasons(judged)
  const allowed = settings.onInconclusive === 'warn'
  return {
    ...rest,
    status: 'inconclusive',
    summary: reasons.join('; '),
    remedy: allowed
      ? 'the policy lets this check through as a warning (onInconclusive: warn); measure on more distinct cases to decide it'
      : 'measure on more distinct cases (a larger evaluation dataset or case budget) so the interval clears the threshold, or set onInconclusive: "warn" for this check in the policy to let it through as a warning',
    details: { ...rest.details, inconclusive: reasons, onInconclusive: settings.onInconclusive, ...(allowed ? { allowedByPolicy: true } : {}) },
  }
}

/**
 * With repeats, the cases whose answers were judged differently across them: counted in the
 * summary and listed (capped) in details.flakyCases. Their failures are already in the check's
 * rates (a case is safe only when every answer is); this says which failures come and go.
 */
export function withFlaky(outcome: CheckOutcome, flaky: FlakyCases, repeats: number): CheckOutcome {
  if (repeats <= 1 || outcome.status === 'not_applicable' || 'error' in outcome.details) return outcome
  const note = `${flaky.count} flaky case${flaky.count === 1 ? '' : 's'} (judged differently across ${repeats} repeats${flaky.count > 0 ? `: ${Object.entries(flaky.byCategory).map(([c, n]) => `${c} ${n}`).join(', ')}` : ''})`
  return { ...outcome, summary: outcome.summary ? `${outcome.summary}; ${note}` : note, details: { ...outcome.details, flakyCases: { ...flaky, repeats } } }
}

/** How an interval is written in a summary: "0.91 [0.85, 0.95], n=120". */
export const shown = (i: Interval, digits = 3) => `${round(i.estimate, digits)} [${round(i.ci[0], digits)}, ${round(i.ci[1], digits)}], n=${i.n}`
