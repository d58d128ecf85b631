// The openai-chat protocol: POST {url}/chat/completions {model, messages, temperature, seed?}.
// Temperature 0 and no seed unless the policy sets them (a judge model is always asked at 0).
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

/** What the endpoint is asked to sample with. */
export interface ChatGeneration {
  temperature: number
  seed?: number
}

export function createOpenAiChat(opts: { url: string; model: string; limiter: Limiter; http: HttpOptions; maxTokens?: number; generation?: ChatGeneration }): ChatAdapter {
  const url = chatUrl(opts.url)
  const sampling = { temperature: opts.generation?.temperature ?? 0, ...(opts.generation?.seed !== undefined ? { seed: opts.generation.seed } : {}) }
  return {
    async complete(messages) {
      const body = await opts.limiter.run(() => postJson(url, { model: opts.model, messages, ...sampling, ...(opts.maxTokens ? { max_tokens: opts.maxTokens } : {}) }, opts.http))
      const choice = (body as { choices?: Array<{ message?: { content?: unknown } }> })?.choices?.[0]
      const content = choice?.message?.content
      // A null content is a legitimate empty answer (for example a tool call); anything else is malformed.
      if (content === null) return ''
      if (typeof content !== 'string') throw new EndpointError(`${url} answered without choices[0].message.content`, 'invalid_response')
      return content
    },
  }
}
