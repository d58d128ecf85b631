// JSON over HTTP to a model endpoint: a timeout per attempt, retries with exponential backoff
// (and Retry-After) on 429, 5xx and connection errors, and errors that say what went wrong
// in terms a model team can act on. It never returns a guess: a bad answer throws.
// undici's request API, not fetch: an evaluation makes hundreds of calls and fetch's
// web-streams machinery costs several times more CPU per call.
import { Agent, request } from 'undici'

// Keep-alive connections shared by every evaluation in the process; redirects are not
// followed (a redirect could lead to a host the allowlist never approved).
const agent = new Agent({ keepAliveTimeout: 10_000, connections: 256 })

/** How much of what an endpoint said is kept with an error (it can hold anything the model's team logs). */
export const ENDPOINT_TEXT_LIMIT = 500

/**
 * A call to a model endpoint failed. `message` is the service's own account (URL, status,
 * what was wrong) and is safe to show every role; `responseText` is what the endpoint itself
 * sent back, truncated, and shown only to those entitled to it (see promotion-view.ts).
 */
export class EndpointError extends Error {
  readonly responseText: string | undefined
  constructor(message: string, readonly kind: 'unreachable' | 'timeout' | 'http' | 'invalid_response', readonly status?: number, responseText?: string) {
    super(message)
    this.name = 'EndpointError'
    this.responseText = responseText ? responseText.slice(0, ENDPOINT_TEXT_LIMIT) : undefined
  }
}

export interface HttpOptions {
  timeoutMs: number
  retries: number
  backoffMs: number
  signal?: AbortSignal
  headers?: Record<string, string>
}

export const DEFAULT_HTTP: HttpOptions = { timeoutMs: 30_000, retries: 3, backoffMs: 200 }

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms)
    signal?.addEventListener('abort', () => {
      clearTimeout(t)
      reject(new EndpointError('evaluation cancelled', 'timeout'))
    }, { once: true })
  })

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined
  const secs = Number(header)
  if (Number.isFinite(secs)) return Math.min(secs * 1000, 30_000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? undefined : Math.min(Math.max(0, at - Date.now()), 30_000)
}

export async function postJson(url: string, body: unknown, opts: HttpOptions): Promise<unknown> {
  let lastError: EndpointError | undefined
  for (let attempt = 0; attempt <= opts.retries; attempt++) {
    if (opts.signal?.aborted) throw new EndpointError('evaluation cancelled', 'timeout')
    let wait = opts.backoffMs * 2 ** attempt
    try {
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': 'application/json', accept: 'application/json', ...opts.headers },
        body: JSON.stringify(body),
        signal: opts.signal ? AbortSignal.any([opts.signal, AbortSignal.timeout(opts.timeoutMs)]) : AbortSignal.timeout(opts.timeoutMs),
      })
      const text = await res.body.text()
      const status = res.statusCode
      const retryAfter = res.headers['retry-after']
      if (status === 429 || status >= 500) {
        lastError = new EndpointError(`${url} answered ${status}`, 'http', status, text)
        wait = retryAfterMs(typeof retryAfter === 'string' ? retryAfter : null) ?? wait
      } else if (status >= 300) {
        throw new EndpointError(`${url} answered ${status}`, 'http', status, text)
      } else {
        try {
          return JSON.parse(text)
        } catch {
          throw new EndpointError(`${url} answered ${status} with a body that is not JSON`, 'invalid_response', status, text)
        }
      }
    } catch (err) {
      if (err instanceof EndpointError) {
        if (err.kind !== 'http' || (err.status !== 429 && (err.status ?? 0) < 500)) throw err
        lastError = err
      } else if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError' || (err as { code?: string }).code === 'UND_ERR_ABORTED')) {
        if (opts.signal?.aborted) throw new EndpointError('evaluation cancelled', 'timeout')
        lastError = new EndpointError(`${url} did not answer within ${opts.timeoutMs} ms`, 'timeout')
      } else {
        const cause = err instanceof Error ? `: ${err.cause instanceof Error ? err.cause.message : err.message}` : ''
        lastError = new EndpointError(`${url} is unreachable${cause}`, 'unreachable')
      }
    }
    if (attempt < opts.retries) await sleep(wait, opts.signal)
  }
  throw new EndpointError(`${lastError?.message ?? 'request failed'} (after ${opts.retries + 1} attempts)`, lastError?.kind ?? 'unreachable', lastError?.status, lastError?.responseText)
}
