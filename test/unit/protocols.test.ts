import { Value } from 'typebox/value'
import { DEFAULT_DATASET_MINIMUMS } from '../../src/domain/policy-settings.js'
import { describe, expect, it } from 'vitest'
import { declarationSchema, PROTOCOLS } from '../../src/evaluation/protocols/registry.js'
import { createEvaluationServices, NotEvaluable } from '../../src/evaluation/services.js'

const services = (endpoint: unknown, outputFilter: unknown = null) => createEvaluationServices({
  modelKind: 'classifier',
  endpoint,
  outputFilter,
  datasetName: undefined,
  loadDataset: async () => null,
  datasetMinimums: DEFAULT_DATASET_MINIMUMS,
  settings: { concurrency: 1, batchSize: 1, http: { timeoutMs: 1000, retries: 0, backoffMs: 1 }, allowlist: ['127.0.0.1'] },
})

describe('the protocol registry', () => {
  it('derives the request schemas: each protocol is accepted in its own role only', () => {
    const endpoint = declarationSchema('endpoint')
    const filter = declarationSchema('outputFilter')
    for (const [name, p] of Object.entries(PROTOCOLS)) {
      const declared = { protocol: name, url: 'http://127.0.0.1:9000/v1' }
      expect(Value.Check(endpoint, declared), name).toBe(p.role === 'endpoint')
      expect(Value.Check(filter, declared), name).toBe(p.role === 'outputFilter')
    }
    expect(Value.Check(endpoint, { protocol: 'grpc-tensorflow', url: 'http://127.0.0.1:9000' })).toBe(false)
    expect(Value.Check(endpoint, { protocol: 'mlflow-invocations', url: 'http://127.0.0.1:9000', model: 'x' })).toBe(false)
  })

  it('hands a check the adapter of the declared protocol, and refuses one that does not answer what it asks', () => {
    expect(() => services({ protocol: 'mlflow-invocations', url: 'http://127.0.0.1:1/invocations' }).classifier()).not.toThrow()
    expect(() => services({ protocol: 'openai-chat', url: 'http://127.0.0.1:1/v1' }).chat()).not.toThrow()
    expect(() => services({ protocol: 'openai-chat', url: 'http://127.0.0.1:1/v1' }).classifier()).toThrow(NotEvaluable)
    expect(() => services({ protocol: 'openai-chat', url: 'http://127.0.0.1:1/v1' }).classifier()).toThrow(/needs predicted labels, which mlflow-invocations serve, but the endpoint declares openai-chat/)
    expect(() => services(null, { protocol: 'openai-chat', url: 'http://127.0.0.1:1/v1' }).moderation()).toThrow(/not a moderation protocol/)
    expect(services(null, { protocol: 'openai-moderation', url: 'http://127.0.0.1:1/v1' }).moderation()).not.toBeNull()
  })
})
