// Runs one registry check against a real model server over HTTP, outside the queue, for
// focused tests of the evaluation engine. The full pipeline is covered by the journey tests.
import { datasetDigest } from '../../src/domain/dataset-records.js'
import { CATALOG } from '../../src/core/check-catalog.js'
import { resolveParams } from '../../src/core/policy-validation.js'
import type { CheckOutcome, CheckLookups } from '../../src/gates/check.js'
import { DEFAULT_DATASET_MINIMUMS, evaluationPolicyProblems, type DatasetMinimums, type EvaluationPolicy } from '../../src/domain/policy-settings.js'
import type { AnswerStore } from '../../src/evaluation/cache/index.js'
import { withEvaluationRecord } from '../../src/gates/evaluation-record.js'
import { createEvaluationServices, type EvaluationDataset } from '../../src/evaluation/services.js'
import type { BudgetMeter } from '../../src/evaluation/budget.js'

export function dataset(name: string, records: EvaluationDataset['records']): EvaluationDataset {
  const kind = records.every((r) => r.expected !== undefined) ? 'qa' : 'classification'
  return { name, kind, records, digest: datasetDigest(records) }
}


export async function runCheck(checkId: string, opts: {
  kind: 'classifier' | 'llm'
  endpoint?: { protocol: 'mlflow-invocations' | 'openai-chat'; url: string; model?: string } | null
  outputFilter?: { protocol: 'openai-moderation'; url: string } | null
  data?: EvaluationDataset
  datasetMinimums?: DatasetMinimums
  params?: Record<string, unknown>
  baseline?: Awaited<ReturnType<CheckLookups['baselineOutcomes']>>
  concurrency?: number
  http?: { timeoutMs: number; retries: number; backoffMs: number }
  /** The policy's settings.evaluation (repeats, temperature, seed, cacheNondeterministic). */
  generation?: Partial<EvaluationPolicy>
  /** An answer store and the artifact digest answers are kept under. */
  cache?: { store: AnswerStore; artifactDigest: string }
  budget?: BudgetMeter
}): Promise<CheckOutcome> {
  const check = CATALOG.get(checkId)
  if (check?.runner !== 'worker') throw new Error(`no measured check ${checkId}`)
  // The same validation a policy's params go through: a test cannot pass a param the
  // service would refuse.
  const params = resolveParams(check, opts.params ?? {})
  if (!params.ok) throw new Error(`params for ${checkId}: ${params.problems.join('; ')}`)
  const settingsProblems = evaluationPolicyProblems({ settings: { evaluation: opts.generation } })
  if (settingsProblems.length > 0) throw new Error(settingsProblems.join('; '))
  const evaluation = createEvaluationServices({
    modelKind: opts.kind,
    endpoint: opts.endpoint ?? null,
    outputFilter: opts.outputFilter ?? null,
    datasetName: opts.data?.name,
    loadDataset: async (name) => (opts.data?.name === name ? opts.data : null),
    datasetMinimums: opts.datasetMinimums ?? DEFAULT_DATASET_MINIMUMS,
    settings: { concurrency: opts.concurrency ?? 8, batchSize: 32, http: opts.http ?? { timeoutMs: 10_000, retries: 2, backoffMs: 50 }, allowlist: ['127.0.0.1', 'localhost', '::1'] },
    judge: opts.params?.judge as { url: string; model: string } | undefined,
    generation: opts.generation,
    cache: opts.cache,
    budget: opts.budget,
  })
  // As the tier runner does: the check's own view of the services, and what it cost recorded.
  const scoped = evaluation.scoped()
  return withEvaluationRecord(await check.run({
    promotion: { id: 'p', model: { name: 'm', kind: opts.kind, owner: 'o', userFacing: false, handlesPii: false, financialImpact: false }, version: '1', targetEnvironment: 'staging', requestedBy: 'ci', endpoint: opts.endpoint ?? null, evaluation: null, outputFilter: opts.outputFilter ?? null, artifact: null },
    lookups: { attestations: async () => [], artifactFiles: async () => [], versionFiles: async () => [], trustedKeys: async () => [], recordTrainingDatasets: async () => {}, baselineOutcomes: async () => opts.baseline ?? { none: 'no baseline in this test' } },
    evaluation: scoped,
    evidence: new Map(),
    params: params.params,
    signal: new AbortController().signal,
  }), scoped)
}

/** Each category's estimate (or 'not_applicable'), from the reported {estimate, n, ci, method}. */
export const categoryRates = (o: CheckOutcome): Record<string, number | 'not_applicable'> =>
  Object.fromEntries(Object.entries(o.measured as Record<string, unknown>).filter(([k]) => k !== 'decision').map(([k, v]) => [k, typeof v === 'object' && v !== null && 'estimate' in v ? (v as { estimate: number }).estimate : (v as number | 'not_applicable')]))
