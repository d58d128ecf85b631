// What a recorded check status means for the promotion and for the signed verdict. Only a
// pass is a pass: a check that does not apply is shown as such (never as a warning), and a
// check that could not decide blocks unless the policy let it through, which is then a warning.

export type CheckStatus = 'passed' | 'failed' | 'not_applicable' | 'inconclusive'

export type CheckClass = 'passed' | 'warned' | 'failed' | 'not_applicable'

/** An inconclusive check the policy let through (onInconclusive: warn) says so in its details. */
export function allowedByPolicy(details: unknown): boolean {
  return typeof details === 'object' && details !== null && (details as { allowedByPolicy?: unknown }).allowedByPolicy === true
}

export function classifyCheck(status: string, details: unknown): CheckClass {
  if (status === 'passed') return 'passed'
  if (status === 'not_applicable') return 'not_applicable'
  if (status === 'inconclusive' && allowedByPolicy(details)) return 'warned'
  // failed, an inconclusive check the policy did not let through, and anything unknown.
  return 'failed'
}

/** Whether a recorded check stops its tier. */
export const blocksTier = (status: string, details: unknown): boolean => classifyCheck(status, details) === 'failed'
