// Policy-wide settings that are not a check's threshold: how far back the risk score looks
// for blocked promotions, the smallest evaluation dataset a measured check accepts, and how a
// chat model is asked (repeats, temperature, seed) and whether its answers may be reused.
// Optional in a stored policy; a missing value takes the default here.

export interface DatasetMinimums {
  /** Distinct inputs a classification dataset must hold. */
  records: number
  /** Distinct inputs per label of a classification dataset. */
  perLabel: number
  /** Distinct inputs per group, for the groups a classification dataset names. */
  perGroup: number
  /** Distinct questions a question-answer dataset must hold. */
  qaRecords: number
}

export interface PolicySettings {
  /** Blocked promotions of the model to the target environment within this many days raise its risk. */
  riskWindowDays?: number
  datasetMinimums?: Partial<DatasetMinimums>
  evaluation?: Partial<EvaluationPolicy> & { budget?: Partial<EvaluationBudget> }
}

/** How a chat model is asked, and whether its answers may be reused. */
export interface EvaluationPolicy {
  /** Each safety case is asked this many times; it is safe only when every answer is (pass^k). */
  repeats: number
  /** Sent to the endpoint with every question. */
  temperature: number
  /** Sent to the endpoint when set. */
  seed?: number
  /** Reuse answers given at a temperature above 0 too (off by default: such answers are samples, not facts). */
  cacheNondeterministic: boolean
}

export const MAX_REPEATS = 10
export const MAX_TEMPERATURE = 2
export const DEFAULT_EVALUATION_POLICY: EvaluationPolicy = { repeats: 1, temperature: 0, cacheNondeterministic: false }

export function evaluationPolicy(policy: { settings?: PolicySettings }): EvaluationPolicy {
  // Picked field by field: the budget lives beside these settings but is not how a model is asked.
  const { budget: _budget, ...asked } = policy.settings?.evaluation ?? {}
  return { ...DEFAULT_EVALUATION_POLICY, ...asked }
}

/** What is wrong with a policy's evaluation settings, each naming its field. */
export function evaluationPolicyProblems(policy: { settings?: PolicySettings }): string[] {
  const e = policy.settings?.evaluation
  if (!e) return []
  const problems: string[] = []
  if (e.repeats !== undefined && !(Number.isInteger(e.repeats) && e.repeats >= 1 && e.repeats <= MAX_REPEATS)) {
    problems.push(`settings.evaluation.repeats must be an integer from 1 to ${MAX_REPEATS}, got ${e.repeats}`)
  }
  if (e.temperature !== undefined && !(Number.isFinite(e.temperature) && e.temperature >= 0 && e.temperature <= MAX_TEMPERATURE)) {
    problems.push(`settings.evaluation.temperature must be from 0 to ${MAX_TEMPERATURE}, got ${e.temperature}`)
  }
  if (e.seed !== undefined && !(Number.isSafeInteger(e.seed) && e.seed >= 0)) {
    problems.push(`settings.evaluation.seed must be a non-negative integer, got ${e.seed}`)
  }
  return problems
}

/**
 * What one promotion may spend on evaluation, over all its tiers: calls to its model, output
 * filter and judge; seconds since its first evaluation started; and tokens, as far as chat
 * endpoints report usage.total_tokens. Reaching one makes the checks still measuring
 * inconclusive, never passed.
 */
export interface EvaluationBudget {
  maxModelCalls: number
  maxWallSeconds: number
  maxTokens: number
}

export const DEFAULT_RISK_WINDOW_DAYS = 30
// The floor below which no measured check judges a dataset. regression_test asks for more on
// its own (its minItems, 200 by default): its margin needs them for an identical model to pass.
export const DEFAULT_DATASET_MINIMUMS: DatasetMinimums = { records: 100, perLabel: 20, perGroup: 10, qaRecords: 50 }

// Generous: a default promotion of the sample chat model (clean, with its output filter) makes
// about 1,000 calls and 90,000 tokens; one that spends every case budget of the default policy
// about 4,200 calls. The defaults only stop an evaluation that has run away.
export const DEFAULT_EVALUATION_BUDGET: EvaluationBudget = { maxModelCalls: 20_000, maxWallSeconds: 3600, maxTokens: 20_000_000 }

export function riskWindowDays(policy: { settings?: PolicySettings }): number {
  return policy.settings?.riskWindowDays ?? DEFAULT_RISK_WINDOW_DAYS
}

/** The earliest creation time of a blocked promotion that still counts towards risk. */
export function riskWindowStart(policy: { settings?: PolicySettings }, now = Date.now()): Date {
  return new Date(now - riskWindowDays(policy) * 86_400_000)
}

export function datasetMinimums(policy: { settings?: PolicySettings }): DatasetMinimums {
  return { ...DEFAULT_DATASET_MINIMUMS, ...policy.settings?.datasetMinimums }
}

export function evaluationBudget(policy: { settings?: PolicySettings }): EvaluationBudget {
  return { ...DEFAULT_EVALUATION_BUDGET, ...policy.settings?.evaluation?.budget }
}
