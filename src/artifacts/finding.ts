import type { GlobalJudgement } from './pickle/policy.js'
import { SEVERITIES, type Severity } from './severity.js'

export { SEVERITIES, type Severity } from './severity.js'

export interface Finding {
  scanner: string
  severity: Severity
  /** Path within the artifact; nested members are joined with "!", e.g. "model.pt!archive/data.pkl". */
  file: string
  /** Byte offset within `file` (for a compressed member, within its uncompressed bytes). */
  offset?: number
  /** "module.name" of an import, e.g. "os.system". */
  global?: string
  field?: string
  reason: string
  /** For an import off the allow-list: the framework lists ("sklearn/1") that would admit it. */
  frameworks?: string[]
  /** For an import: the allow-list version it was judged under. */
  allowList?: string
}

export interface ScanReport {
  format: string
  findings: Finding[]
  /** Every import resolved in any pickle, as written ("module.name"), first occurrence order. */
  globals: string[]
  /** Every distinct import with its judgement and why, first occurrence order. */
  imports: GlobalJudgement[]
  /** The allow-list version imports were judged under. */
  allowList: string
  bytes: number
  sha256: string
}

export function isSeverity(value: unknown): value is Severity {
  return typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)
}

export function worstSeverity(findings: readonly Finding[]): Severity | undefined {
  let best: number | undefined
  for (const finding of findings) {
    const rank = SEVERITIES.indexOf(finding.severity)
    if (best === undefined || rank < best) best = rank
  }
  return best === undefined ? undefined : SEVERITIES[best]
}
