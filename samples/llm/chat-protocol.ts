import { randomUUID } from 'node:crypto'
import { HttpError, isRecord } from '../common/http.js'
import type { ChatMessage } from './responder.js'

// OpenAI's chat completions wire format, the parts a client of a hosted model relies on.

export interface ChatRequest {
  model?: string
  messages: ChatMessage[]
}

export function parseChatRequest(body: unknown): ChatRequest {
  if (!isRecord(body)) throw invalid('body must be a JSON object')
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw invalid('messages must be a non-empty array', 'messages')
  const messages = body.messages.map((m, i) => {
    if (!isRecord(m) || typeof m.role !== 'string') throw invalid(`messages[${i}] needs a role`, `messages[${i}]`)
    return { role: m.role, content: contentText(m.content, i) }
  })
  if (body.model !== undefined && typeof body.model !== 'string') throw invalid('model must be a string', 'model')
  return { model: body.model, messages }
}

/** Content is a string or, in the newer format, a list of parts of which the text ones count. */
function contentText(content: unknown, i: number): string {
  if (typeof content === 'string') return content
  if (content === null || content === undefined) return ''
  if (Array.isArray(content)) {
    return content
      .map((part) => (isRecord(part) && typeof part.text === 'string' ? part.text : ''))
      .filter(Boolean)
      .join('\n')
  }
  throw invalid(`messages[${i}].content must be a string or a list of parts`, `messages[${i}].content`)
}

export function chatCompletion(model: string, messages: readonly ChatMessage[], content: string): unknown {
  const promptTokens = messages.reduce((n, m) => n + approximateTokens(m.content), 0)
  const completionTokens = approximateTokens(content)
  return {
    id: `chatcmpl-${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop', logprobs: null }],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  }
}

export function openAiError(status: number, message: string, param: string | null = null): unknown {
  return { error: { message, type: status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error', param, code: null } }
}

function invalid(message: string, param: string | null = null): HttpError {
  return new HttpError(400, message, openAiError(400, message, param))
}

// About four characters a token for English text; only the shape of `usage` matters here.
function approximateTokens(text: string): number {
  return Math.ceil(text.length / 4)
}
