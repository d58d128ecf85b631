import { FRAMEWORK_ALLOW_LISTS } from './frameworks.js'

export interface FrameworkAdmission<F extends object> {
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
export function admitByFrameworks<F extends object>(findings: readonly F[], frameworks: readonly string[]): FrameworkAdmission<F> {
  const enabled = new Set(FRAMEWORK_ALLOW_LISTS.filter((list) => frameworks.includes(list.framework)).map((list) => list.version))
  const kept: F[] = []
  const admitted: { finding: F; by: string }[] = []
  for (const finding of findings) {
    // Findings come back from storage as JSON: only a list of strings counts.
    const marked = (finding as { frameworks?: unknown }).frameworks
    const by = Array.isArray(marked) ? marked.find((version): version is string => typeof version === 'string' && enabled.has(version)) : undefined
    if (by) admitted.push({ finding, by })
    else kept.push(finding)
  }
  return { kept, admitted }
}
