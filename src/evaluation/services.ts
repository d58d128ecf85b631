// What the measured checks of one promotion share: adapters to its endpoint and output
// filter behind one concurrency limit, its evaluation dataset, and memoised runs over that
// dataset, so accuracy, bias and regression cost one pass over the model together.
import { datasetShortfalls } from '../domain/dataset-minimums.js'
import type { DatasetMinimums } from '../domain/policy-settings.js'
import type { ClassifierAdapter } from './adapters/classifier.js'
import type { ChatAdapter, ChatMessage } from './adapters/chat.js'
import { EndpointError, type HttpOptions } from './adapters/http-json.js'
import { createLimiter, type Limiter } from './adapters/limiter.js'
import { budgeted, type BudgetMeter } from './budget.js'
import type { ModerationAdapter } from './adapters/moderation.js'
import { guardOutboundUrl, OutboundUrlRefused, type OutboundPurpose } from '../domain/endpoint-allowlist.js'
import { isProtocol, PROTOCOLS, protocolsAnswering, type ProtocolName } from './protocols/registry.js'

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
  /** MODELGATE_ENDPOINT_ALLOWLIST, checked again before any call (it may have changed since the URL was declared). */
  allowlist: readonly string[]
}

export interface EndpointSpec {
  protocol: string
  url: string
  model?: string
}

export interface EvaluationServices {
  modelKind: 'classifier' | 'llm'
  limiter: Limiter
  /** The promotion's evaluation budget, counted on every call through the limiter (none in offline runs without one). */
  budget: BudgetMeter | null
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
  /** The policy's minimums: a smaller dataset fails every measured check that reads it, for that reason. */
  datasetMinimums: DatasetMinimums
  settings: EvaluationSettings
  judge?: { url: string; model: string }
  /** Aborts every call to the model, its filter and its judge (the promotion was cancelled). */
  signal?: AbortSignal
  /** The promotion's budget: every call to the model, its filter and its judge is admitted by it. */
  budget?: BudgetMeter
}): EvaluationServices {
  const limiter = budgeted(createLimiter(opts.settings.concurrency), opts.budget)
  const http = { ...opts.settings.http, signal: opts.signal }
  const endpoint = opts.endpoint as EndpointSpec | null

  /** The declared endpoint, when its protocol answers what the check asks for. */
  function requireEndpoint(answers: 'labels' | 'chat'): EndpointSpec & { protocol: ProtocolName } {
    const fitting = protocolsAnswering(answers)
    if (!endpoint) throw new NotEvaluable('no model endpoint was declared', `declare endpoint: {protocol: "${fitting.join('" or "')}", url} in the promotion request`)
    if (!isProtocol(endpoint.protocol) || PROTOCOLS[endpoint.protocol].answers !== answers) {
      throw new NotEvaluable(`this check needs ${answers === 'labels' ? 'predicted labels' : 'chat answers'}, which ${fitting.join(' or ')} serve, but the endpoint declares ${endpoint.protocol}`, `declare endpoint.protocol "${fitting.join('" or "')}", or register the model with the kind its endpoint serves`)
    }
    return { ...endpoint, protocol: endpoint.protocol }
  }

  function allowed(url: string, purpose: OutboundPurpose): string {
    try {
      return guardOutboundUrl(url, opts.settings.allowlist, purpose)
    } catch (err) {
      if (err instanceof OutboundUrlRefused) throw new NotEvaluable(err.message, `use a ${purpose} on a host in MODELGATE_ENDPOINT_ALLOWLIST, or ask the operators to allow it`)
      throw err
    }
  }

  let classifierSync: ClassifierAdapter | undefined
  let chatSync: ChatAdapter | undefined

  const dataset = memo(async () => {
    if (!opts.datasetName) throw new NotEvaluable('no evaluation dataset was declared', 'upload a dataset with POST /v1/datasets and declare evaluation: {dataset} in the promotion request')
    const d = await opts.loadDataset(opts.datasetName)
    if (!d) throw new NotEvaluable(`dataset "${opts.datasetName}" does not exist`, 'upload it with POST /v1/datasets')
    const shortfalls = datasetShortfalls(d.kind, d.records, opts.datasetMinimums)
    if (shortfalls.length > 0) {
      throw new NotEvaluable(`dataset "${d.name}" is below the policy's minimums: ${shortfalls.join('; ')}`, 'register a larger evaluation dataset with distinct inputs for every label and group, pinned to this model')
    }
    return d
  })

  const answers = new Map<string, Promise<string>>()
  const services: EvaluationServices = {
    modelKind: opts.modelKind,
    limiter,
    budget: opts.budget ?? null,
    classifier() {
      const e = requireEndpoint('labels')
      return (classifierSync ??= PROTOCOLS['mlflow-invocations'].adapter({ url: allowed(e.url, 'model endpoint'), batchSize: opts.settings.batchSize, limiter, http }))
    },
    chat() {
      const e = requireEndpoint('chat')
      return (chatSync ??= PROTOCOLS['openai-chat'].adapter({ url: allowed(e.url, 'model endpoint'), model: e.model, batchSize: opts.settings.batchSize, limiter, http }))
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
      if (!f) return null
      // One moderation protocol so far; a second one is a registry entry answering 'moderation'.
      if (f.protocol !== 'openai-moderation') throw new NotEvaluable(`the output filter declares ${f.protocol}, which is not a moderation protocol`, `declare outputFilter.protocol "${protocolsAnswering('moderation').join('" or "')}"`)
      return PROTOCOLS[f.protocol].adapter({ url: allowed(f.url, 'output filter'), batchSize: opts.settings.batchSize, limiter, http })
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
      return opts.judge ? PROTOCOLS['openai-chat'].adapter({ url: allowed(opts.judge.url, 'judge model'), model: opts.judge.model, batchSize: opts.settings.batchSize, limiter, http }) : null
    },
  }
  return services
}
