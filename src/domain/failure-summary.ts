// The human-readable account of why a promotion was blocked: each failed check with what was
// measured against its threshold and what to do about it, worst first.
import { worstSeverity, type Severity } from './policy.js'

export interface FailedCheck {
  id: string
  tier: string
  severity: Severity
  summary: string
  measured: unknown
  threshold: unknown
  remedy: string | null
}

export interface FailureReport {
  severity: Severity
  title: string
  summary: string
}

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 }

const show = (v: unknown) => (v === null || v === undefined ? 'n/a' : typeof v === 'string' ? v : JSON.stringify(v))

export function buildFailureReport(subject: { model: string; version: string; target: string; tier: string }, failures: FailedCheck[]): FailureReport {
  const severity = worstSeverity(failures.map((f) => f.severity))
  const ordered = [...failures].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.id.localeCompare(b.id))
  const title = `Promotion of ${subject.model} ${subject.version} to ${subject.target} blocked: ${subject.tier} gate failed`
  const lines = [
    `${title} (severity ${severity}; ${failures.length} check${failures.length === 1 ? '' : 's'} failed).`,
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
