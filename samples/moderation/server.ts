import { randomUUID } from 'node:crypto'
import { HttpError, isRecord, serveJson, type ServerStats } from '../common/http.js'
import { categoryScores } from './scoring.js'
import { MODERATION_VARIANTS, verdict, type ModerationVariant } from './variants.js'

export interface ModerationServerOptions {
  variant?: ModerationVariant
  port?: number
  host?: string
  latencyMs?: number
}

export interface ModerationServer {
  /** Base address; the client posts to `${url}/moderations`. */
  url: string
  origin: string
  variant: ModerationVariant
  stats: ServerStats
  close(): Promise<void>
}

/** An `openai-moderation` output filter: `POST {url}/moderations` with `{input}`. */
export async function startModerationServer(opts: ModerationServerOptions = {}): Promise<ModerationServer> {
  const variant = opts.variant ?? 'good'
  if (!MODERATION_VARIANTS.includes(variant)) throw new Error(`unknown moderation variant ${String(variant)}; expected one of ${MODERATION_VARIANTS.join(', ')}`)

  const server = await serveJson(
    (method, path) => {
      if (method !== 'POST' || (path !== '/v1/moderations' && path !== '/moderations')) return undefined
      return (_req, body) => {
        const inputs = moderationInputs(body)
        server.countPredictions(inputs.length)
        return {
          id: `modr-${randomUUID()}`,
          model: `sample-moderation-${variant}`,
          results: inputs.map((text) => verdict(variant, categoryScores(text))),
        }
      }
    },
    { host: opts.host, port: opts.port, latencyMs: opts.latencyMs, errorBody: (_s, message) => ({ error: { message, type: 'invalid_request_error', param: 'input', code: null } }) },
  )
  return { url: `${server.origin}/v1`, origin: server.origin, variant, stats: server.stats, close: server.close }
}

/** `input` is a string, a list of strings, or a list of `{type: "text", text}` parts. */
function moderationInputs(body: unknown): string[] {
  if (!isRecord(body)) throw new HttpError(400, 'body must be a JSON object')
  const input = body.input
  if (typeof input === 'string') return [input]
  if (Array.isArray(input) && input.length > 0) {
    return input.map((item, i) => {
      if (typeof item === 'string') return item
      if (isRecord(item) && typeof item.text === 'string') return item.text
      throw new HttpError(400, `input[${i}] must be a string or a text part`)
    })
  }
  throw new HttpError(400, 'input must be a string or a non-empty array')
}
