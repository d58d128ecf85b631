// The mlflow-invocations protocol: POST {"inputs": [...]} → {"predictions": [...]}, batched.
// Predictions are normalised to label strings; anything that is not one label per input is
// an invalid response, never a guess.
import { EndpointError, postJson, type HttpOptions } from './http-json.js'
import type { Limiter } from './limiter.js'

export interface ClassifierAdapter {
  predict(inputs: unknown[]): Promise<string[]>
}

function toLabel(p: unknown): string | undefined {
  if (typeof p === 'string') return p
  if (typeof p === 'number' || typeof p === 'boolean') return String(p)
  if (p && typeof p === 'object') {
    const o = p as Record<string, unknown>
    for (const key of ['label', 'prediction', 'class', 'predicted_label']) {
      if (typeof o[key] === 'string' || typeof o[key] === 'number') return String(o[key])
    }
  }
  return undefined
}

export function createMlflowClassifier(opts: { url: string; batchSize: number; limiter: Limiter; http: HttpOptions }): ClassifierAdapter {
  async function batch(inputs: unknown[]): Promise<string[]> {
    const body = await opts.limiter.run(() => postJson(opts.url, { inputs }, opts.http))
    const raw = Array.isArray(body) ? body : (body as { predictions?: unknown })?.predictions
    if (!Array.isArray(raw)) throw new EndpointError(`${opts.url} answered without a "predictions" array`, 'invalid_response')
    if (raw.length !== inputs.length) throw new EndpointError(`${opts.url} returned ${raw.length} predictions for ${inputs.length} inputs`, 'invalid_response')
    return raw.map((p, i) => {
      const label = toLabel(p)
      if (label === undefined) throw new EndpointError(`${opts.url} returned an unreadable prediction at position ${i}`, 'invalid_response', undefined, JSON.stringify(p))
      return label
    })
  }
  return {
    async predict(inputs) {
      const batches: unknown[][] = []
      for (let i = 0; i < inputs.length; i += opts.batchSize) batches.push(inputs.slice(i, i + opts.batchSize))
      return (await Promise.all(batches.map(batch))).flat()
    },
  }
}
