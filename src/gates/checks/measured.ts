// Shared by the checks that measure the model: a missing endpoint or dataset, or an endpoint
// that is down or answers garbage, is a failed check that says so, never a pass and never a
// crash of the gate job. What the endpoint itself answered is kept apart from the summary
// (details.endpointResponse, truncated): the summary and failure report are read by every
// role, the endpoint's words only by those promotion-view.ts lets see them.
import { EndpointError } from '../../evaluation/adapters/http-json.js'
import { ENDPOINT_RESPONSE } from '../../domain/endpoint-response.js'
import { NotEvaluable } from '../../evaluation/services.js'
import { failed, type CheckOutcome } from '../check.js'

export async function measured(threshold: unknown, fn: () => Promise<CheckOutcome>): Promise<CheckOutcome> {
  try {
    return await fn()
  } catch (err) {
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

export const pct = (x: number) => `${(x * 100).toFixed(1)}%`
export const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits
