// Which checks cannot be judged without the service, and why. Sign-offs need approvals and
// attestations recorded in the service; a regression needs a version to compare against.
// These are reported not_applicable with the reason, never passed.
import { notApplicable, type CheckDefinition, type CheckOutcome } from '../../gates/check.js'

export const SIGNOFF_REASON = "offline: needs the service's approvals/attestations"
export const NO_BASELINE_REASON = 'offline: no --baseline-endpoint'

export function offlineVerdict(check: CheckDefinition, o: { baseline: boolean }): CheckOutcome | null {
  if (check.runner === 'signoff' || check.requires.attestation || check.requires.approvals) return notApplicable(SIGNOFF_REASON)
  if (check.id === 'regression_test' && !o.baseline) return notApplicable(NO_BASELINE_REASON)
  return null
}
