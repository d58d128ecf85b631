// What the measured checks of one promotion share: adapters to its endpoint and output
// filter behind one concurrency limit, its evaluation dataset, and memoised runs over that
// dataset, so accuracy, bias and regression cost one pass over the model together.
import { createMlflowClassifier, type ClassifierAdapter } from './adapters/classifier.js'
import { createOpenAiChat, type ChatAdapter, type ChatMessage } from './adapters/chat.js'
import { EndpointError, type HttpOptions } from './adapters/http-json.js'
import { createLimiter, type Limiter } from './adapters/limiter.js'
import { createOpenAiModeration, type ModerationAdapter } from './adapters/moderation.js'

/** A measured check cannot run; its message says what the team must provide. */
export class NotEvaluable extends Error {
  constructor(message: string, readonly remedy: string) {
    super(message)
    this.name = 'NotEvaluable'
  }
}

export interface EvaluationDataset {
  name: string
  digest: string
  kind: 'classification' | 'qa'
  records: Array<{ input: unknown; label?: unknown; group?: string; expected?: string }>
}

export interface EvaluationSettings {
  concurrency: number
  batchSize: number
  http: HttpOptions
}

export interface EndpointSpec {
  protocol: 'mlflow-invocations' | 'openai-chat'
  url: string
  model?: string
}

export interface EvaluationServices {
  modelKind: 'classifier' | 'llm'
  limiter: Limiter
  classifier(): ClassifierAdapter
  chat(): ChatAdapter
  /** The same conversation is asked once per promotion. */
  ask(messages: ChatMessage[]): Promise<string>
  moderation(): ModerationAdapter | null
  dataset(): Promise<EvaluationDataset>
  /** Labels and predictions over the classification dataset (memoised). */
  classifierRun(): Promise<{ dataset: EvaluationDataset; inputs: unknown[]; actual: string[]; predicted: string[] }>
  /** Answers to the question-answer dataset (memoised). */
  qaRun(): Promise<{ dataset: EvaluationDataset; outputs: string[] }>
  judge(): ChatAdapter | null
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined
  return () => (p ??= fn())
}

export function createEvaluationServices(opts: {
  modelKind: 'classifier' | 'llm'
  endpoint: unknown
  outputFilter: unknown
  datasetName: string | undefined
  loadDataset: (name: string) => Promise<EvaluationDataset | null>
  settings: EvaluationSettings
  judge?: { url: string; model: string }
  /** Aborts every call to the model, its filter and its judge (the promotion was cancelled). */
  signal?: AbortSignal
}): EvaluationServices {
  const limiter = createLimiter(opts.settings.concurrency)
  const http = { ...opts.settings.http, signal: opts.signal }
  const endpoint = opts.endpoint as EndpointSpec | null
  const expected = opts.modelKind === 'classifier' ? 'mlflow-invocations' : 'openai-chat'

  function requireEndpoint(): EndpointSpec {
    if (!endpoint) throw new NotEvaluable('no model endpoint was declared', `declare endpoint: {protocol: "${expected}", url} in the promotion request`)
    if (endpoint.protocol !== expected) throw new NotEvaluable(`a ${opts.modelKind} is served over ${expected}, but the endpoint declares ${endpoint.protocol}`, `declare endpoint.protocol "${expected}" or register the model with the right kind`)
    return endpoint
  }

  let classifierSync: ClassifierAdapter | undefined
  let chatSync: ChatAdapter | undefined

  const dataset = memo(async () => {
    if (!opts.datasetName) throw new NotEvaluable('no evaluation dataset was declared', 'upload a dataset with POST /v1/datasets and declare evaluation: {dataset} in the promotion request')
    const d = await opts.loadDataset(opts.datasetName)
    if (!d) throw new NotEvaluable(`dataset "${opts.datasetName}" does not exist`, 'upload it with POST /v1/datasets')
    return d
  })

  const answers = new Map<string, Promise<string>>()
  const services: EvaluationServices = {
    modelKind: opts.modelKind,
    limiter,
    classifier() {
      const e = requireEndpoint()
      return (classifierSync ??= createMlflowClassifier({ url: e.url, batchSize: opts.settings.batchSize, limiter, http }))
    },
    chat() {
      const e = requireEndpoint()
      return (chatSync ??= createOpenAiChat({ url: e.url, model: e.model ?? 'default', limiter, http }))
    },
    ask(messages) {
      const key = JSON.stringify(messages)
      let p = answers.get(key)
      if (!p) {
        p = services.chat().complete(messages)
        answers.set(key, p)
        // A failed call is not remembered, so a retry of the check asks again.
        p.catch(() => answers.delete(key))
      }
      return p
    },
    moderation() {
      const f = opts.outputFilter as { protocol: string; url: string } | null
      return f ? createOpenAiModeration({ url: f.url, limiter, http }) : null
    },
    dataset,
    classifierRun: memo(async () => {
      const d = await dataset()
      if (d.kind !== 'classification') throw new NotEvaluable(`dataset "${d.name}" holds question-answer records; a classifier needs {input, label} records`, 'declare a classification dataset')
      const inputs = d.records.map((r) => r.input)
      const predicted = await services.classifier().predict(inputs)
      return { dataset: d, inputs, actual: d.records.map((r) => String(r.label)), predicted }
    }),
    qaRun: memo(async () => {
      const d = await dataset()
      if (d.kind !== 'qa') throw new NotEvaluable(`dataset "${d.name}" holds classification records; an LLM is measured on {input, expected} records`, 'declare a question-answer dataset')
      const outputs = await Promise.all(d.records.map((r) => services.ask([{ role: 'user', content: String(r.input) }])))
      return { dataset: d, outputs }
    }),
    judge() {
      return opts.judge ? createOpenAiChat({ url: opts.judge.url, model: opts.judge.model, limiter, http }) : null
    },
  }
  return services
}

export function isEvaluationFailure(err: unknown): err is NotEvaluable | EndpointError {
  return err instanceof NotEvaluable || err instanceof EndpointError
}
