// security_scan: dependency vulnerabilities from the scanner reports CI uploaded (OSV-Scanner,
// Trivy, Grype). Any finding at a blocking severity fails the check, and every one is listed.
import { EvidenceError } from '../evidence/errors.js'
import { parseVulnerabilityReports, summariseFindings, type Finding } from '../evidence/vulnerability-report.js'
import { failed, type CheckDefinition } from '../check.js'
import { stringListParam } from './params.js'

const MAX_LISTED = 200

export const securityScanCheck: CheckDefinition = {
  id: 'security_scan',
  tier: 'automated',
  title: 'Security scan (dependency vulnerabilities)',
  async run({ evidence, params }) {
    const failOn = stringListParam(params, 'failOn', ['critical', 'high']) as Finding['severity'][]
    const threshold = { failOn, maxBlockingFindings: 0 }
    const raw = evidence.get('vulnerabilityReport')
    if (raw === undefined) {
      return failed('no vulnerability report was uploaded', 'run OSV-Scanner, Trivy or Grype on the model image and dependencies, and upload its JSON report as evidence.vulnerabilityReport', { threshold })
    }
    let reports
    try {
      reports = parseVulnerabilityReports(JSON.parse(raw))
    } catch (err) {
      if (!(err instanceof EvidenceError)) throw err
      return failed(`the vulnerability report could not be read: ${err.message}`, 'upload the unmodified JSON output of OSV-Scanner, Trivy or Grype', { threshold, details: { error: err.message } })
    }
    const { counts, blocking } = summariseFindings(reports, failOn)
    const all = reports.flatMap((r) => r.findings)
    const measured = { ...counts, blocking: blocking.length }
    const details = {
      formats: reports.map((r) => r.format),
      findings: all.slice(0, MAX_LISTED),
      findingsTruncated: all.length > MAX_LISTED,
      blocking: blocking.slice(0, MAX_LISTED),
    }
    if (blocking.length === 0) {
      return { status: 'passed', measured, threshold, details, summary: `${all.length} findings, none ${failOn.join(' or ')}` }
    }
    const named = blocking.slice(0, 5).map((f) => `${f.id} in ${f.package}${f.version ? `@${f.version}` : ''} (${f.severity})`)
    const fixable = blocking.filter((f) => f.fixedVersion)
    return {
      status: 'failed',
      measured,
      threshold,
      details,
      summary: `${blocking.length} ${failOn.join('/')} vulnerabilities (allowed: 0): ${named.join(', ')}${blocking.length > 5 ? ', …' : ''}`,
      remedy: fixable.length > 0
        ? `upgrade the affected packages (${fixable.slice(0, 5).map((f) => `${f.package} to ${f.fixedVersion}`).join(', ')}) and rescan`
        : 'remove or replace the affected packages, or obtain a patched build, and rescan',
    }
  },
}
