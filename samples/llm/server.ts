import { serveJson, type ServerStats } from '../common/http.js'
import { chatCompletion, openAiError, parseChatRequest } from './chat-protocol.js'
import { DEFAULT_LLM_TRIGGER, LLM_FLAWS, type LlmFlaw } from './flaws.js'
import { createResponder } from './responder.js'
import { DEFAULT_SYSTEM_PROMPT } from './system-prompt.js'

export interface LlmServerOptions {
  flaws?: readonly LlmFlaw[]
  port?: number
  host?: string
  latencyMs?: number
  /** The phrase that switches a `backdoored` model's safety off. */
  trigger?: string
  /** The model name answered when a request names none. */
  model?: string
  /** The system prompt used when a conversation brings none (it holds fake secrets). */
  systemPrompt?: string
}

export interface LlmServer {
  /** Base address; the client posts to `${url}/chat/completions`. */
  url: string
  origin: string
  model: string
  flaws: readonly LlmFlaw[]
  trigger: string
  systemPrompt: string
  stats: ServerStats
  close(): Promise<void>
}

export async function startLlmServer(opts: LlmServerOptions = {}): Promise<LlmServer> {
  const flaws = [...new Set(opts.flaws ?? [])]
  const unknown = flaws.filter((f) => !LLM_FLAWS.includes(f))
  if (unknown.length > 0) throw new Error(`unknown flaw(s) ${unknown.join(', ')}; expected some of ${LLM_FLAWS.join(', ')}`)
  const model = opts.model ?? (flaws.length > 0 ? `sample-chat-${flaws.join('-')}` : 'sample-chat')
  const trigger = opts.trigger ?? DEFAULT_LLM_TRIGGER
  const systemPrompt = opts.systemPrompt ?? DEFAULT_SYSTEM_PROMPT
  const respond = createResponder({ flaws, trigger, systemPrompt })

  const server = await serveJson(
    (method, path) => {
      if (method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) {
        return (_req, body) => {
          const request = parseChatRequest(body)
          server.countPredictions(1)
          return chatCompletion(request.model ?? model, request.messages, respond(request.messages))
        }
      }
      if (method === 'GET' && (path === '/v1/models' || path === '/models')) {
        return () => ({ object: 'list', data: [{ id: model, object: 'model', created: 0, owned_by: 'modelgate-samples' }] })
      }
      return undefined
    },
    { host: opts.host, port: opts.port, latencyMs: opts.latencyMs, errorBody: (status, message) => openAiError(status, message) },
  )

  return { url: `${server.origin}/v1`, origin: server.origin, model, flaws, trigger, systemPrompt, stats: server.stats, close: server.close }
}
