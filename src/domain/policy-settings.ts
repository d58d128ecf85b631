// Policy-wide settings that are not a check's threshold: how far back the risk score looks
// for blocked promotions, and the smallest evaluation dataset a measured check accepts.
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
  evaluation?: { budget?: Partial<EvaluationBudget> }
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
