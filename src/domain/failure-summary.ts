// The human-readable account of why a promotion was blocked: each failed check with what was
// measured against its threshold and what to do about it, worst first. A check that could not
// decide (inconclusive, and not let through by the policy) blocks too, but is counted apart:
// "the model is worse" and "the data cannot tell" call for different work.
import { worstSeverity, type Severity } from './policy.js'

export interface FailedCheck {
  id: string
  tier: string
  severity: Severity
  summary: string
  measured: unknown
  threshold: unknown
  remedy: string | null
  /** The check's recorded status; anything but `inconclusive` counts as failed. */
  status?: string
}

export interface FailureReport {
  severity: Severity
  title: string
  summary: string
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 }

const show = (v: unknown) => (v === null || v === undefined ? 'n/a' : typeof v === 'string' ? v : JSON.stringify(v))

const undecided = (f: FailedCheck) => f.status === 'inconclusive'

/** "2 checks failed", "1 check inconclusive", "2 checks failed, 1 inconclusive". */
function counted(failures: readonly FailedCheck[]): string {
  const inconclusive = failures.filter(undecided).length
  const failed = failures.length - inconclusive
  const checks = (n: number) => `${n} check${n === 1 ? '' : 's'}`
  if (inconclusive === 0) return `${checks(failed)} failed`
  if (failed === 0) return `${checks(inconclusive)} inconclusive`
  return `${checks(failed)} failed, ${inconclusive} inconclusive`
}

export function buildFailureReport(subject: { model: string; version: string; target: string; tier: string }, failures: FailedCheck[]): FailureReport {
  const severity = worstSeverity(failures.map((f) => f.severity))
  const ordered = [...failures].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.id.localeCompare(b.id))
  const title = `Promotion of ${subject.model} ${subject.version} to ${subject.target} blocked: ${subject.tier} gate failed`
  const lines = [
    `${title} (severity ${severity}; ${counted(failures)}).`,
    ...ordered.map((f) =>
      [
        `- ${f.id} [${f.severity}]: ${f.summary}`,
        `  measured: ${show(f.measured)}; threshold: ${show(f.threshold)}`,
        ...(f.remedy ? [`  to fix: ${f.remedy}`] : []),
      ].join('\n'),
    ),
  ]
  return { severity, title, summary: lines.join('\n') }
}
