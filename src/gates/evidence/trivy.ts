import { cvss3BaseScore } from './cvss.js'
import type { Finding, Severity } from './finding.js'
import { isObject, objectsAt, requiredTextAt, textAt, type JsonObject } from './json-shape.js'
import { mostSevere, severityFromLabel, severityFromScore } from './severity.js'

const LABEL = 'Trivy report'

// Trivy omits "Results" entirely when nothing was scanned or found, so a clean report is
// recognised by its schema header instead.
export function isTrivyReport(report: JsonObject): boolean {
  return Array.isArray(report.Results) || (typeof report.SchemaVersion === 'number' && 'ArtifactName' in report)
}

export function parseTrivyReport(report: JsonObject): Finding[] {
  const findings: Finding[] = []
  for (const [result, resultPath] of objectsAt(report, 'Results', 'Results', LABEL)) {
    const target = textAt(result, 'Target') ?? textAt(report, 'ArtifactName') ?? '(unknown target)'
    for (const [vuln, path] of objectsAt(result, 'Vulnerabilities', `${resultPath}.Vulnerabilities`, LABEL)) {
      findings.push(vulnerabilityFinding(vuln, path))
    }
    for (const [misconfig, path] of objectsAt(result, 'Misconfigurations', `${resultPath}.Misconfigurations`, LABEL)) {
      // With --include-non-failures Trivy also lists the checks that passed.
      const status = textAt(misconfig, 'Status')
      if (status !== undefined && status !== 'FAIL') continue
      findings.push(ruleFinding(misconfig, textAt(misconfig, 'ID') ?? requiredTextAt(misconfig, 'AVDID', path, LABEL), target))
    }
    for (const [secret, path] of objectsAt(result, 'Secrets', `${resultPath}.Secrets`, LABEL)) {
      findings.push(ruleFinding(secret, requiredTextAt(secret, 'RuleID', path, LABEL), target))
    }
  }
  return findings
}

function vulnerabilityFinding(vuln: JsonObject, path: string): Finding {
  const finding: Finding = {
    id: requiredTextAt(vuln, 'VulnerabilityID', path, LABEL),
    package: requiredTextAt(vuln, 'PkgName', path, LABEL),
    severity: vulnerabilitySeverity(vuln),
    source: 'trivy',
  }
  const version = textAt(vuln, 'InstalledVersion')
  if (version !== undefined) finding.version = version
  const fixed = textAt(vuln, 'FixedVersion')
  if (fixed !== undefined) finding.fixedVersion = fixed
  const title = textAt(vuln, 'Title')
  if (title !== undefined) finding.title = title
  return finding
}

// Misconfigurations and secrets belong to a file rather than a package, so the target
// (e.g. "Dockerfile" or "/app/settings.py") stands in as the package.
function ruleFinding(rule: JsonObject, id: string, target: string): Finding {
  const finding: Finding = { id, package: target, severity: severityFromLabel(rule.Severity), source: 'trivy' }
  const title = textAt(rule, 'Title')
  if (title !== undefined) finding.title = title
  return finding
}

// Trivy has already picked a severity from its preferred source; the per-vendor CVSS data
// is only consulted when that came out UNKNOWN.
function vulnerabilitySeverity(vuln: JsonObject): Severity {
  const labelled = severityFromLabel(vuln.Severity)
  if (labelled !== 'unknown') return labelled
  const sources = isObject(vuln.CVSS) ? Object.values(vuln.CVSS).filter(isObject) : []
  return mostSevere(
    sources.map((cvss) => {
      if (typeof cvss.V3Score === 'number' && cvss.V3Score > 0) return severityFromScore(cvss.V3Score)
      const vector = textAt(cvss, 'V3Vector')
      const score = vector === undefined ? undefined : cvss3BaseScore(vector)
      return score === undefined ? 'unknown' : severityFromScore(score)
    }),
  )
}
