// One delivery attempt: the signed POST, with a timeout and no redirects, its URL checked by
// the one outbound guard every call of the service passes (see endpoint-allowlist.ts).
import { checkEndpointUrl } from '../domain/endpoint-allowlist.js'
import { DELIVERY_HEADER, EVENT_HEADER, sign, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js'

export interface AttemptResult {
  ok: boolean
  statusCode: number | null
  error: string | null
  responseBody: string | null
  durationMs: number
}

export async function sendWebhook(opts: { url: string; secret: string; deliveryId: string; event: string; payload: unknown; allowlist: readonly string[]; timeoutMs: number }): Promise<AttemptResult> {
  const started = Date.now()
  const verdict = checkEndpointUrl(opts.url, opts.allowlist)
  if (!verdict.ok) return { ok: false, statusCode: null, error: `refused: ${verdict.reason}`, responseBody: null, durationMs: 0 }
  const body = JSON.stringify(opts.payload)
  const timestamp = Math.floor(Date.now() / 1000)
  try {
    const res = await fetch(opts.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'modelgate-webhooks/1',
        [SIGNATURE_HEADER]: sign(opts.secret, timestamp, body),
        [TIMESTAMP_HEADER]: String(timestamp),
        [DELIVERY_HEADER]: opts.deliveryId,
        [EVENT_HEADER]: opts.event,
      },
      body,
    })
    const text = (await res.text().catch(() => '')).slice(0, 1000)
    const ok = res.status >= 200 && res.status < 300
    return { ok, statusCode: res.status, error: ok ? null : `receiver answered ${res.status}`, responseBody: text, durationMs: Date.now() - started }
  } catch (err) {
    const message = err instanceof Error ? (err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message) : String(err)
    return { ok: false, statusCode: null, error: message, responseBody: null, durationMs: Date.now() - started }
  }
}
