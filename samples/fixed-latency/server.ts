import { serveJson, type ServerStats } from '../common/http.js'
import { invocationInputs, mlflowError } from '../classifier/mlflow-protocol.js'
import { chatCompletion, openAiError, parseChatRequest } from '../llm/chat-protocol.js'

export type FixedLatencyProtocol = 'mlflow-invocations' | 'openai-chat'

export interface FixedLatencyServerOptions {
  protocol: FixedLatencyProtocol
  latencyMs?: number
  /** Requests beyond this many in flight are answered 429 at once, as an overloaded server would. */
  maxConcurrency?: number
  port?: number
  host?: string
  /**
   * What a chat model answers, from the request's messages; default an echo of the last user
   * message. A fixed reply keeps the cost per request the same whatever the prompt.
   */
  reply?: (messages: ReadonlyArray<{ role: string; content: string }>) => string
}

export interface FixedLatencyServer {
  /** What a promotion's `endpoint.url` names: the invocations address, or the chat base address. */
  url: string
  origin: string
  protocol: FixedLatencyProtocol
  latencyMs: number
  /** `peakInFlight` shows how much concurrency a client really used; `rejected` counts the 429s. */
  stats: ServerStats
  close(): Promise<void>
}

/**
 * A model that costs exactly `latencyMs` per request and echoes what it is sent (or answers
 * with `reply`), so a benchmark measures the client (its concurrency, its overhead) and not the model.
 */
export async function startFixedLatencyServer(opts: FixedLatencyServerOptions): Promise<FixedLatencyServer> {
  const latencyMs = opts.latencyMs ?? 20
  const chat = opts.protocol === 'openai-chat'
  const reply = opts.reply ?? ((messages) => `echo: ${messages.filter((m) => m.role === 'user').at(-1)?.content ?? ''}`)
  if (!chat && opts.protocol !== 'mlflow-invocations') throw new Error(`unknown protocol ${String(opts.protocol)}`)

  const server = await serveJson(
    (method, path) => {
      if (method !== 'POST') return undefined
      if (!chat && (path === '/invocations' || path === '/')) {
        return (_req, body) => {
          const inputs = invocationInputs(body)
          server.countPredictions(inputs.length)
          return { predictions: inputs }
        }
      }
      if (chat && (path === '/v1/chat/completions' || path === '/chat/completions')) {
        return (_req, body) => {
          const request = parseChatRequest(body)
          server.countPredictions(1)
          return chatCompletion(request.model ?? 'fixed-latency', request.messages, reply(request.messages))
        }
      }
      return undefined
    },
    {
      host: opts.host,
      port: opts.port,
      latencyMs,
      maxConcurrency: opts.maxConcurrency,
      errorBody: chat ? (status, message) => openAiError(status, message) : mlflowError,
    },
  )

  return {
    url: chat ? `${server.origin}/v1` : `${server.origin}/invocations`,
    origin: server.origin,
    protocol: opts.protocol,
    latencyMs,
    stats: server.stats,
    close: server.close,
  }
}
