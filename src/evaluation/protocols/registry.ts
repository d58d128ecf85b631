// The protocols modelgate speaks to a team's model and its guardrail, in one registry keyed by
// protocol: how a promotion declares an endpoint of it (the request schema) and the adapter
// that calls it. Which adapter a check gets follows from the declared protocol, not from the
// model's kind.
import { Type, type TSchema } from 'typebox'
import { createOpenAiChat, type ChatAdapter, type ChatGeneration } from '../adapters/chat.js'
import { createMlflowClassifier, type ClassifierAdapter } from '../adapters/classifier.js'
import type { HttpOptions } from '../adapters/http-json.js'
import type { Limiter } from '../adapters/limiter.js'
import { createOpenAiModeration, type ModerationAdapter } from '../adapters/moderation.js'

const HttpUrl = Type.String({ minLength: 8, maxLength: 2048, pattern: '^https?://' })

export interface AdapterOptions {
  url: string
  model?: string
  batchSize: number
  limiter: Limiter
  http: HttpOptions
  /** Chat sampling settings (temperature 0, no seed, when absent). */
  generation?: ChatGeneration
}

/** What an endpoint of a protocol answers: labels, chat completions or moderation verdicts. */
export interface Adapters {
  labels: ClassifierAdapter
  chat: ChatAdapter
  moderation: ModerationAdapter
}

interface ProtocolEntry<K extends keyof Adapters> {
  /** `endpoint` serves the model; `outputFilter` is a guardrail in front of it. */
  role: 'endpoint' | 'outputFilter'
  answers: K
  description: string
  /** The declaration of an endpoint of this protocol in a promotion request. */
  request: TSchema
  adapter(opts: AdapterOptions): Adapters[K]
}

const declaration = (protocol: string, extra: Record<string, TSchema> = {}) =>
  Type.Object({ protocol: Type.Literal(protocol), url: HttpUrl, ...extra }, { additionalProperties: false })

export const PROTOCOLS = {
  'mlflow-invocations': {
    role: 'endpoint',
    answers: 'labels',
    description: 'POST {"inputs": [..]} → {"predictions": [..]}, batched',
    request: declaration('mlflow-invocations'),
    adapter: (o) => createMlflowClassifier({ url: o.url, batchSize: o.batchSize, limiter: o.limiter, http: o.http }),
  } satisfies ProtocolEntry<'labels'>,
  'openai-chat': {
    role: 'endpoint',
    answers: 'chat',
    description: 'POST {url}/chat/completions {model, messages, temperature, seed?} (temperature 0 and no seed unless the policy sets them)',
    request: declaration('openai-chat', { model: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })) }),
    adapter: (o) => createOpenAiChat({ url: o.url, model: o.model ?? 'default', limiter: o.limiter, http: o.http, generation: o.generation }),
  } satisfies ProtocolEntry<'chat'>,
  'openai-moderation': {
    role: 'outputFilter',
    answers: 'moderation',
    description: 'POST {url}/moderations {input} → {results: [{flagged}]}',
    request: declaration('openai-moderation'),
    adapter: (o) => createOpenAiModeration({ url: o.url, limiter: o.limiter, http: o.http }),
  } satisfies ProtocolEntry<'moderation'>,
}

export type ProtocolName = keyof typeof PROTOCOLS

export function isProtocol(name: string): name is ProtocolName {
  return Object.hasOwn(PROTOCOLS, name)
}

/** How a promotion names an endpoint or an output filter. */
export interface EndpointDeclaration {
  protocol: string
  url: string
  model?: string
}

/** The request schema of an endpoint (or an output filter): one of the protocols of that role. */
export function declarationSchema(role: 'endpoint' | 'outputFilter') {
  return Type.Unsafe<EndpointDeclaration>(Type.Union(Object.values(PROTOCOLS).filter((p) => p.role === role).map((p) => p.request)))
}

/** The protocols whose endpoints answer `answers`, for messages that say what to declare. */
export const protocolsAnswering = (answers: keyof Adapters): ProtocolName[] =>
  (Object.keys(PROTOCOLS) as ProtocolName[]).filter((n) => PROTOCOLS[n].answers === answers)
