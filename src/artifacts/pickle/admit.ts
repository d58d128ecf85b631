import type { Finding } from '../finding.js'
import { FRAMEWORK_ALLOW_LISTS } from './frameworks.js'

export interface FrameworkAdmission<F extends Pick<Finding, 'frameworks'>> {
  /** Findings still standing. */
  kept: F[]
  /** Import findings a named framework list admits, with the list version that admitted each. */
  admitted: { finding: F; by: string }[]
}

/**
 * Applies the framework allow-lists an operator enabled (by name, "sklearn") to a scan's findings.
 * Only findings the scan marked as admissible are candidates: imports off the allow-list that a
 * framework list names, never denied ones (the deny list wins) and never findings of any other
 * kind. The version matched must be the one this library ships, so a report judged under an older
 * list is not silently re-judged under a newer one.
 */
export function admitByFrameworks<F extends Pick<Finding, 'frameworks'>>(findings: readonly F[], frameworks: readonly string[]): FrameworkAdmission<F> {
  const enabled = new Set(FRAMEWORK_ALLOW_LISTS.filter((list) => frameworks.includes(list.framework)).map((list) => list.version))
  const kept: F[] = []
  const admitted: { finding: F; by: string }[] = []
  for (const finding of findings) {
    const by = finding.frameworks?.find((version) => enabled.has(version))
    if (by) admitted.push({ finding, by })
    else kept.push(finding)
  }
  return { kept, admitted }
}
