// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>", sent with the timestamp, so a
// receiver can check both integrity and freshness and refuse replays of old deliveries.
import { createHmac, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'modelgate-signature'
export const TIMESTAMP_HEADER = 'modelgate-timestamp'
export const DELIVERY_HEADER = 'modelgate-delivery'
export const EVENT_HEADER = 'modelgate-event'

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

export type VerifyResult = { ok: true } | { ok: false; reason: string }

/** What a receiver does; exported for receivers written in TypeScript and for the tests. */
export function verifySignature(secret: string, headers: { signature?: string; timestamp?: string }, body: string, opts: { toleranceSeconds?: number; now?: number } = {}): VerifyResult {
  const ts = Number(headers.timestamp)
  if (!headers.signature || !Number.isInteger(ts)) return { ok: false, reason: 'missing signature or timestamp' }
  const now = Math.floor((opts.now ?? Date.now()) / 1000)
  if (Math.abs(now - ts) > (opts.toleranceSeconds ?? 300)) return { ok: false, reason: 'timestamp outside tolerance (possible replay)' }
  const expected = Buffer.from(sign(secret, ts, body))
  const given = Buffer.from(headers.signature)
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature mismatch' }
  return { ok: true }
}
