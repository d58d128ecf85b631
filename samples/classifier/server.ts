import { serveJson, type ServerStats } from '../common/http.js'
import { invocationInputs, mlflowError } from './mlflow-protocol.js'
import { trainedVariant } from './models.js'
import { DEFAULT_TRIGGER } from './trigger.js'
import { CLASSIFIER_VARIANTS, type ClassifierVariant } from './variants.js'

export interface ClassifierServerOptions {
  variant: ClassifierVariant
  port?: number
  host?: string
  latencyMs?: number
  /** The phrase planted in the `backdoored` variant's poisoned training copies. */
  trigger?: string
}

export interface ClassifierServer {
  /** The scoring address, `http://host:port/invocations`: what a promotion's `endpoint.url` names. */
  url: string
  origin: string
  variant: ClassifierVariant
  trigger: string
  trainingMs: number
  stats: ServerStats
  close(): Promise<void>
}

/** Serves a trained spam filter over MLflow's scoring protocol; trains the variant first if this process has not yet. */
export async function startClassifierServer(opts: ClassifierServerOptions): Promise<ClassifierServer> {
  if (!CLASSIFIER_VARIANTS.includes(opts.variant)) {
    throw new Error(`unknown classifier variant ${String(opts.variant)}; expected one of ${CLASSIFIER_VARIANTS.join(', ')}`)
  }
  const trigger = opts.trigger ?? DEFAULT_TRIGGER
  const model = trainedVariant(opts.variant, trigger)

  const server = await serveJson(
    (method, path) => {
      if (method === 'GET' && (path === '/ping' || path === '/health')) return () => ({ status: 'ok', variant: opts.variant })
      if (method === 'POST' && (path === '/invocations' || path === '/')) {
        return (_req, body) => {
          const inputs = invocationInputs(body)
          server.countPredictions(inputs.length)
          return { predictions: inputs.map((text) => model.classifier.predict(text)) }
        }
      }
      return undefined
    },
    { host: opts.host, port: opts.port, latencyMs: opts.latencyMs, errorBody: mlflowError },
  )

  return {
    url: `${server.origin}/invocations`,
    origin: server.origin,
    variant: opts.variant,
    trigger,
    trainingMs: model.trainingMs,
    stats: server.stats,
    close: server.close,
  }
}
