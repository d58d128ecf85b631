import { cvss3BaseScore } from './cvss.js'
import type { Finding, Severity } from './finding.js'
import { isObject, objectAt, objectsAt, requiredObjectAt, requiredTextAt, textAt, type JsonObject } from './json-shape.js'
import { mostSevere, severityFromLabel, severityFromScore } from './severity.js'

const LABEL = 'Grype report'

// Grype carries no short title, only a description; long ones are cut to stay readable.
const MAX_TITLE_CHARS = 200

export function isGrypeReport(report: JsonObject): boolean {
  return Array.isArray(report.matches) || textAt(objectAt(report, 'descriptor'), 'name') === 'grype'
}

export function parseGrypeReport(report: JsonObject): Finding[] {
  return objectsAt(report, 'matches', 'matches', LABEL).map(([match, path]) => {
    const vuln = requiredObjectAt(match, 'vulnerability', path, LABEL)
    const artifact = requiredObjectAt(match, 'artifact', path, LABEL)
    const related = objectsAt(match, 'relatedVulnerabilities', `${path}.relatedVulnerabilities`, LABEL).map(([r]) => r)

    const finding: Finding = {
      id: requiredTextAt(vuln, 'id', `${path}.vulnerability`, LABEL),
      package: requiredTextAt(artifact, 'name', `${path}.artifact`, LABEL),
      severity: severityOf(vuln, related),
      source: 'grype',
    }
    const version = textAt(artifact, 'version')
    if (version !== undefined) finding.version = version
    const fixed = fixVersions(vuln)
    if (fixed !== undefined) finding.fixedVersion = fixed
    const title = titleOf(vuln, related)
    if (title !== undefined) finding.title = title
    return finding
  })
}

// Distro feeds often say "Unknown" while the related NVD record has a CVSS score.
function severityOf(vuln: JsonObject, related: JsonObject[]): Severity {
  const labelled = severityFromLabel(vuln.severity)
  if (labelled !== 'unknown') return labelled
  const fromOwnCvss = cvssSeverity(vuln)
  if (fromOwnCvss !== 'unknown') return fromOwnCvss
  return mostSevere(related.map(cvssSeverity))
}

function cvssSeverity(record: JsonObject): Severity {
  const entries = Array.isArray(record.cvss) ? record.cvss.filter(isObject) : []
  return mostSevere(
    entries.map((entry) => {
      const baseScore = objectAt(entry, 'metrics')?.baseScore
      if (typeof baseScore === 'number' && baseScore > 0) return severityFromScore(baseScore)
      const vector = textAt(entry, 'vector')
      const score = vector === undefined ? undefined : cvss3BaseScore(vector)
      return score === undefined ? 'unknown' : severityFromScore(score)
    }),
  )
}

function fixVersions(vuln: JsonObject): string | undefined {
  const versions = objectAt(vuln, 'fix')?.versions
  if (!Array.isArray(versions)) return undefined
  const listed = versions.filter((v): v is string => typeof v === 'string' && v.trim() !== '')
  return listed.length > 0 ? listed.join(', ') : undefined
}

function titleOf(vuln: JsonObject, related: JsonObject[]): string | undefined {
  const description = textAt(vuln, 'description') ?? related.map((r) => textAt(r, 'description')).find(Boolean)
  if (description === undefined) return undefined
  const oneLine = description.replace(/\s+/g, ' ')
  return oneLine.length <= MAX_TITLE_CHARS ? oneLine : `${oneLine.slice(0, MAX_TITLE_CHARS - 1)}…`
}
