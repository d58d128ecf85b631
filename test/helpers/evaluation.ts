// Runs one registry check against a real model server over HTTP, outside the queue, for
// focused tests of the evaluation engine. The full pipeline is covered by the journey tests.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../src/domain/canonical-json.js'
import { DEFAULT_POLICY } from '../../src/domain/policy.js'
import type { CheckContext, CheckOutcome, CheckLookups } from '../../src/gates/check.js'
import { createCheckRegistry } from '../../src/gates/registry.js'
import { createEvaluationServices, type EvaluationDataset } from '../../src/evaluation/services.js'

export function dataset(name: string, records: EvaluationDataset['records']): EvaluationDataset {
  const kind = records.every((r) => r.expected !== undefined) ? 'qa' : 'classification'
  return { name, kind, records, digest: `sha256:${createHash('sha256').update(canonicalJson(records)).digest('hex')}` }
}

export function defaultParams(checkId: string): Record<string, unknown> {
  for (const env of Object.values(DEFAULT_POLICY.environments)) {
    for (const t of env.tiers) {
      const c = t.checks.find((x) => x.id === checkId)
      if (c) return structuredClone(c.params)
    }
  }
  throw new Error(`no check ${checkId} in the default policy`)
}

const registry = createCheckRegistry()

export async function runCheck(checkId: string, opts: {
  kind: 'classifier' | 'llm'
  endpoint?: { protocol: 'mlflow-invocations' | 'openai-chat'; url: string; model?: string } | null
  outputFilter?: { protocol: 'openai-moderation'; url: string } | null
  data?: EvaluationDataset
  params?: Record<string, unknown>
  baseline?: Awaited<ReturnType<CheckLookups['baselineOutcomes']>>
  concurrency?: number
  http?: { timeoutMs: number; retries: number; backoffMs: number }
}): Promise<CheckOutcome> {
  const check = registry.get(checkId)
  if (!check) throw new Error(`unknown check ${checkId}`)
  const evaluation = createEvaluationServices({
    modelKind: opts.kind,
    endpoint: opts.endpoint ?? null,
    outputFilter: opts.outputFilter ?? null,
    datasetName: opts.data?.name,
    loadDataset: async (name) => (opts.data?.name === name ? opts.data : null),
    settings: { concurrency: opts.concurrency ?? 8, batchSize: 32, http: opts.http ?? { timeoutMs: 10_000, retries: 2, backoffMs: 50 } },
    judge: opts.params?.judge as { url: string; model: string } | undefined,
  })
  const ctx: CheckContext = {
    promotion: { id: 'p', model: { name: 'm', kind: opts.kind, owner: 'o', userFacing: false, handlesPii: false, financialImpact: false }, version: '1', targetEnvironment: 'staging', requestedBy: 'ci', endpoint: opts.endpoint ?? null, evaluation: null, outputFilter: opts.outputFilter ?? null, artifact: null },
    lookups: { attestations: async () => [], artifactFiles: async () => [], versionFiles: async () => [], trustedKeys: async () => [], recordTrainingDatasets: async () => {}, baselineOutcomes: async () => opts.baseline ?? { none: 'no baseline in this test' } },
    evaluation,
    evidence: new Map(),
    params: { ...defaultParams(checkId), ...opts.params },
    signal: new AbortController().signal,
  }
  return check.run(ctx)
}

/** Each category's estimate (or 'skipped'), from the reported {estimate, n, ci, method}. */
export const categoryRates = (o: CheckOutcome): Record<string, number | 'skipped'> =>
  Object.fromEntries(Object.entries(o.measured as Record<string, unknown>).filter(([k]) => k !== 'decision').map(([k, v]) => [k, typeof v === 'object' && v !== null && 'estimate' in v ? (v as { estimate: number }).estimate : (v as number | 'skipped')]))
