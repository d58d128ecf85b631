// The openai-moderation protocol of an output filter: POST {url}/moderations {input} →
// {results: [{flagged}]}.
import { EndpointError, postJson, type HttpOptions } from './http-json.js'
import type { Limiter } from './limiter.js'

export interface ModerationAdapter {
  flagged(text: string): Promise<boolean>
}

export function createOpenAiModeration(opts: { url: string; limiter: Limiter; http: HttpOptions }): ModerationAdapter {
  const url = `${opts.url.replace(/\/+$/, '')}/moderations`
  return {
    async flagged(text) {
      const body = await opts.limiter.run(() => postJson(url, { input: text }, opts.http))
      const flagged = (body as { results?: Array<{ flagged?: unknown }> })?.results?.[0]?.flagged
      if (typeof flagged !== 'boolean') throw new EndpointError(`${url} answered without results[0].flagged`, 'invalid_response')
      return flagged
    },
  }
}
