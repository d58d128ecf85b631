// What the measured checks of one promotion share: adapters to its endpoint and output
// filter behind one concurrency limit, its evaluation dataset, and memoised runs over that
// dataset, so accuracy, bias and regression cost one pass over the model together. Chat answers
// are asked with the policy's generation settings, once per conversation and repeat, and come
// from the evaluation cache when it holds them.
import { datasetShortfalls } from '../domain/dataset-minimums.js'
import { DEFAULT_EVALUATION_POLICY, type DatasetMinimums, type EvaluationPolicy } from '../domain/policy-settings.js'
import { createAnswerCache, newUsage, type AnswerStore, type CacheUsage } from './cache/index.js'
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

/** How a chat model is asked: sent to the endpoint (temperature, seed) and how often (repeats). */
export interface Generation {
  temperature: number
  seed?: number
  repeats: number
}

/** What one check's use of the services cost: whether it asked the chat model, and cache hits and model calls. */
export interface EvaluationUsage {
  chat: boolean
  cache: CacheUsage
}

export interface EvaluationServices {
  modelKind: 'classifier' | 'llm'
  limiter: Limiter
  generation: Generation
  /** The promotion's evaluation budget, counted on every call through the limiter (none in offline runs without one). */
  budget: BudgetMeter | null
  /** Why answers are not reused from the evaluation cache; null when they are. */
  cacheOff: string | null
  /** Predictions through the evaluation cache. */
  classifier(): ClassifierAdapter
  chat(): ChatAdapter
  /** The same conversation is asked once per promotion and repeat (0 ≤ repeat < generation.repeats). */
  ask(messages: ChatMessage[], repeat?: number): Promise<string>
  /** The same services, counting this check's use apart (memoised answers stay shared). */
  scoped(): EvaluationServices
  usage(): EvaluationUsage
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
  /** The policy's settings.evaluation (defaults: 1 repeat, temperature 0, no seed). */
  generation?: Partial<EvaluationPolicy>
  /** Where answers are kept for reuse, and the artifact they are answers of. */
  cache?: { store: AnswerStore | null; artifactDigest?: string | null }
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

  // --- repeats and the evaluation cache -------------------------------------------------
  const policy = { ...DEFAULT_EVALUATION_POLICY, ...opts.generation }
  const generation: Generation = { temperature: policy.temperature, repeats: policy.repeats, ...(policy.seed !== undefined ? { seed: policy.seed } : {}) }
  const artifactDigest = opts.cache?.artifactDigest ?? null
  const cache = createAnswerCache({
    store: opts.cache?.store ?? null,
    source: artifactDigest && endpoint ? { artifactDigest, protocol: endpoint.protocol, url: endpoint.url, model: endpoint.model ?? null } : null,
    generation,
    cacheNondeterministic: policy.cacheNondeterministic,
  })
  const answers = new Map<string, Promise<string>>()
  function askCounted(messages: ChatMessage[], repeat: number, usage: EvaluationUsage): Promise<string> {
    usage.chat = true
    if (!Number.isInteger(repeat) || repeat < 0 || repeat >= generation.repeats) throw new RangeError(`repeat ${repeat} outside 0..${generation.repeats - 1}`)
    // The repeat is part of the key: k repeats are k answers, never one answer replayed.
    const key = JSON.stringify([messages, repeat])
    let p = answers.get(key)
    if (!p) {
      const chat = view(usage).chat()
      p = cache.chat(messages, repeat, () => chat.complete(messages), usage.cache)
      answers.set(key, p)
      // A failed call is not remembered, so a retry of the check asks again.
      p.catch(() => answers.delete(key))
    }
    return p
  }
  function rawClassifier(): ClassifierAdapter {
    const e = requireEndpoint('labels')
    return (classifierSync ??= PROTOCOLS['mlflow-invocations'].adapter({ url: allowed(e.url, 'model endpoint'), batchSize: opts.settings.batchSize, limiter, http }))
  }
  function memoFirst<T>(fn: (usage: EvaluationUsage) => Promise<T>): (usage: EvaluationUsage) => Promise<T> {
    let p: Promise<T> | undefined
    return (usage) => (p ??= fn(usage))
  }
  const classifierRun = memoFirst(async (usage) => {
    const d = await dataset()
    if (d.kind !== 'classification') throw new NotEvaluable(`dataset "${d.name}" holds question-answer records; a classifier needs {input, label} records`, 'declare a classification dataset')
    const inputs = d.records.map((r) => r.input)
    const predicted = await view(usage).classifier().predict(inputs)
    return { dataset: d, inputs, actual: d.records.map((r) => String(r.label)), predicted }
  })
  const qaRun = memoFirst(async (usage) => {
    const d = await dataset()
    if (d.kind !== 'qa') throw new NotEvaluable(`dataset "${d.name}" holds classification records; an LLM is measured on {input, expected} records`, 'declare a question-answer dataset')
    const outputs = await Promise.all(d.records.map((r) => askCounted([{ role: 'user', content: String(r.input) }], 0, usage)))
    return { dataset: d, outputs }
  })

  /** The services as one check sees them: its use counted in `usage`. */
  function view(usage: EvaluationUsage): EvaluationServices {
    return {
      modelKind: opts.modelKind,
      limiter,
      budget: opts.budget ?? null,
      generation,
      cacheOff: cache.off,
      classifier() {
        const raw = rawClassifier()
        return { predict: (inputs) => cache.labels(inputs, (missing) => raw.predict(missing), usage.cache) }
      },
      chat() {
        const e = requireEndpoint('chat')
        return (chatSync ??= PROTOCOLS['openai-chat'].adapter({ url: allowed(e.url, 'model endpoint'), model: e.model, batchSize: opts.settings.batchSize, limiter, http, generation }))
      },
      ask: (messages, repeat = 0) => askCounted(messages, repeat, usage),
      scoped: () => view({ chat: false, cache: newUsage() }),
      usage: () => usage,
      moderation() {
        const f = opts.outputFilter as { protocol: string; url: string } | null
        if (!f) return null
        // One moderation protocol so far; a second one is a registry entry answering 'moderation'.
        if (f.protocol !== 'openai-moderation') throw new NotEvaluable(`the output filter declares ${f.protocol}, which is not a moderation protocol`, `declare outputFilter.protocol "${protocolsAnswering('moderation').join('" or "')}"`)
        return PROTOCOLS[f.protocol].adapter({ url: allowed(f.url, 'output filter'), batchSize: opts.settings.batchSize, limiter, http })
      },
      dataset,
      classifierRun: () => classifierRun(usage),
      qaRun: () => {
        // A check reading the memoised answers asked the chat model, whoever asked first.
        usage.chat = true
        return qaRun(usage)
      },
      judge() {
        return opts.judge ? PROTOCOLS['openai-chat'].adapter({ url: allowed(opts.judge.url, 'judge model'), model: opts.judge.model, batchSize: opts.settings.batchSize, limiter, http }) : null
      },
    }
  }
  // ---------------------------------------------------------------------------------------

  return view({ chat: false, cache: newUsage() })
}
