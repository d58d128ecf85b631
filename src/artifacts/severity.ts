// How serious a finding is; its own module so the pickle policy and the finding type can both
// use it without importing each other.
export type Severity = 'critical' | 'high' | 'medium' | 'low'

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low']
