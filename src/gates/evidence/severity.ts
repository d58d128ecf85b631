import type { Severity } from './finding.js'
import { SEVERITIES } from './finding.js'

// Scanners and advisory databases each have their own vocabulary: GHSA says MODERATE,
// Red Hat says Important, Grype and Ubuntu say Negligible, Debian says unimportant.
const LABELS: ReadonlyMap<string, Severity> = new Map(
  Object.entries({
    critical: 'critical',
    high: 'high',
    important: 'high',
    medium: 'medium',
    moderate: 'medium',
    low: 'low',
    negligible: 'low',
    unimportant: 'low',
    minor: 'low',
    info: 'low',
    informational: 'low',
  } satisfies Record<string, Severity>),
)

/** Bands of the CVSS qualitative rating scale. A score of 0 is CVSS "None", which has no band here. */
export function severityFromScore(score: number): Severity {
  if (!Number.isFinite(score) || score <= 0 || score > 10) return 'unknown'
  if (score >= 9) return 'critical'
  if (score >= 7) return 'high'
  if (score >= 4) return 'medium'
  return 'low'
}

/** Accepts a scanner's label ("MODERATE", "Negligible") or a numeric score written as text ("7.5"). */
export function severityFromLabel(label: unknown): Severity {
  if (typeof label === 'number') return severityFromScore(label)
  if (typeof label !== 'string') return 'unknown'
  const text = label.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return severityFromScore(Number(text))
  return LABELS.get(text.toLowerCase()) ?? 'unknown'
}

export function mostSevere(severities: Iterable<Severity>): Severity {
  let best: Severity = 'unknown'
  for (const severity of severities) {
    if (SEVERITIES.indexOf(severity) < SEVERITIES.indexOf(best)) best = severity
  }
  return best
}
