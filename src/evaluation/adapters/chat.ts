// The openai-chat protocol: POST {url}/chat/completions {model, messages, temperature: 0}.
import { EndpointError, postJson, type HttpOptions } from './http-json.js'
import type { Limiter } from './limiter.js'

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant'
  content: string
}

export interface ChatAdapter {
  complete(messages: ChatMessage[]): Promise<string>
}

export const chatUrl = (base: string) => `${base.replace(/\/+$/, '')}/chat/completions`

export function createOpenAiChat(opts: { url: string; model: string; limiter: Limiter; http: HttpOptions; maxTokens?: number }): ChatAdapter {
  const url = chatUrl(opts.url)
  return {
    async complete(messages) {
      const body = await opts.limiter.run(() => postJson(url, { model: opts.model, messages, temperature: 0, ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}) }, opts.http))
      const choice = (body as { choices?: Array<{ message?: { content?: unknown } }> })?.choices?.[0]
      const content = choice?.message?.content
      // A null content is a legitimate empty answer (for example a tool call); anything else is malformed.
      if (content === null) return ''
      if (typeof content !== 'string') throw new EndpointError(`${url} answered without choices[0].message.content`, 'invalid_response')
      return content
    },
  }
}
