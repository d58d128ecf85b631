import { cvss3BaseScore } from './cvss.js'
import type { Finding, Severity } from './finding.js'
import { isObject, listAt, objectAt, objectsAt, requiredTextAt, textAt, type JsonObject } from './json-shape.js'
import { mostSevere, severityFromLabel, severityFromScore } from './severity.js'

const LABEL = 'OSV-Scanner report'

export function isOsvScannerReport(report: JsonObject): boolean {
  return Array.isArray(report.results)
}

export function parseOsvScannerReport(report: JsonObject): Finding[] {
  const findings: Finding[] = []
  for (const [result, resultPath] of objectsAt(report, 'results', 'results', LABEL)) {
    for (const [entry, entryPath] of objectsAt(result, 'packages', `${resultPath}.packages`, LABEL)) {
      const pkg = objectAt(entry, 'package') ?? {}
      // Git-sourced packages may have only a commit.
      const packageName =
        textAt(pkg, 'name') ?? textAt(pkg, 'commit') ?? requiredTextAt(pkg, 'name', `${entryPath}.package`, LABEL)
      const version = textAt(pkg, 'version')
      const groups = objectsAt(entry, 'groups', `${entryPath}.groups`, LABEL).map(([group]) => group)

      for (const [vuln, vulnPath] of objectsAt(entry, 'vulnerabilities', `${entryPath}.vulnerabilities`, LABEL)) {
        const id = requiredTextAt(vuln, 'id', vulnPath, LABEL)
        const finding: Finding = {
          id,
          package: packageName,
          severity: severityOf(vuln, id, groups),
          source: 'osv-scanner',
        }
        if (version !== undefined) finding.version = version
        const fixed = fixedVersions(vuln, packageName, textAt(pkg, 'ecosystem'))
        if (fixed !== undefined) finding.fixedVersion = fixed
        const title = textAt(vuln, 'summary')
        if (title !== undefined) finding.title = title
        findings.push(finding)
      }
    }
  }
  return findings
}

// Preference order: osv-scanner's own max_severity for the alias group (a numeric score it
// already derived from every source), then the advisory's label (GHSA writes "MODERATE"),
// then CVSS v3 vectors scored here. CVSS v4 vectors are not scored: OSV carries only the
// vector, and without the label they can only be reported as unknown.
function severityOf(vuln: JsonObject, id: string, groups: JsonObject[]): Severity {
  const group = groups.find((g) => listIncludes(g.ids, id) || listIncludes(g.aliases, id))
  const fromGroup = severityFromLabel(group?.max_severity)
  if (fromGroup !== 'unknown') return fromGroup

  const fromDatabase = severityFromLabel(objectAt(vuln, 'database_specific')?.severity)
  if (fromDatabase !== 'unknown') return fromDatabase

  const entries = Array.isArray(vuln.severity) ? vuln.severity.filter(isObject) : []
  const fromCvss = mostSevere(entries.map(cvssSeverity))
  if (fromCvss !== 'unknown') return fromCvss

  const affected = Array.isArray(vuln.affected) ? vuln.affected.filter(isObject) : []
  return mostSevere(
    affected.flatMap((a) => [
      severityFromLabel(objectAt(a, 'database_specific')?.severity),
      severityFromLabel(objectAt(a, 'ecosystem_specific')?.severity),
    ]),
  )
}

function cvssSeverity(entry: JsonObject): Severity {
  const type = textAt(entry, 'type')
  const score = textAt(entry, 'score')
  if (score === undefined) return 'unknown'
  // A few databases put a plain number in "score" rather than a vector.
  if (/^\d+(\.\d+)?$/.test(score)) return severityFromScore(Number(score))
  if (type === 'CVSS_V3' || score.startsWith('CVSS:3.')) {
    const computed = cvss3BaseScore(score)
    return computed === undefined ? 'unknown' : severityFromScore(computed)
  }
  if (type === 'Ubuntu') return severityFromLabel(score)
  return 'unknown'
}

// Fixes can land on several release lines ("1.2.4" and "2.0.1"); deciding which one applies
// would need each ecosystem's version ordering, so all are listed, the way Trivy does it.
function fixedVersions(vuln: JsonObject, packageName: string, ecosystem: string | undefined): string | undefined {
  const affected = Array.isArray(vuln.affected) ? vuln.affected.filter(isObject) : []
  const matching = affected.filter((a) => {
    const pkg = objectAt(a, 'package')
    // PyPI and others compare names case-insensitively ("Jinja2" vs "jinja2").
    if (textAt(pkg, 'name')?.toLowerCase() !== packageName.toLowerCase()) return false
    const affectedEcosystem = textAt(pkg, 'ecosystem')
    return ecosystem === undefined || affectedEcosystem === undefined || affectedEcosystem === ecosystem
  })
  const fixes = new Set<string>()
  for (const a of matching.length > 0 ? matching : affected) {
    for (const range of listAt(a, 'ranges', 'affected.ranges', LABEL).filter(isObject)) {
      for (const event of listAt(range, 'events', 'affected.ranges.events', LABEL).filter(isObject)) {
        const fixed = textAt(event, 'fixed')
        if (fixed !== undefined) fixes.add(fixed)
      }
    }
  }
  return fixes.size > 0 ? [...fixes].join(', ') : undefined
}

function listIncludes(list: unknown, value: string): boolean {
  return Array.isArray(list) && list.includes(value)
}
