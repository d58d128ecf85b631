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
}

export const DEFAULT_RISK_WINDOW_DAYS = 30
export const DEFAULT_DATASET_MINIMUMS: DatasetMinimums = { records: 100, perLabel: 20, perGroup: 10, qaRecords: 50 }

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
