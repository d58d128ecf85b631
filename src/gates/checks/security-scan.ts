// security_scan: dependency vulnerabilities from the scanner reports CI uploaded (OSV-Scanner,
// Trivy, Grype), and the promoted model file itself as this service scanned it on upload
// (pickle imports that run code, malformed containers). Any finding at a blocking severity
// fails the check, and every one is listed.
import { admitByFrameworks, FRAMEWORK_ALLOW_LISTS } from '../../artifacts/index.js'
import { EvidenceError } from '../evidence/errors.js'
import { parseVulnerabilityReports, summariseFindings, type Finding } from '../evidence/vulnerability-report.js'
import { Type } from 'typebox'
import { SEVERITIES } from '../evidence/finding.js'
import { VulnerabilityReportEvidence } from '../evidence/kinds.js'
import { ALL_ENVIRONMENTS, defineCheck, failed } from '../check.js'

const MAX_LISTED = 200

/** Models whose files a framework allow-list admits; the deny list still wins. */
const FrameworkAllowance = Type.Object({
  framework: Type.Union(FRAMEWORK_ALLOW_LISTS.map((l) => Type.Literal(l.framework))),
  models: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { minItems: 1, maxItems: 100 }),
}, { additionalProperties: false })

export const securityScanCheck = defineCheck({
  id: 'security_scan',
  tier: 'automated',
  title: 'Security scan (dependency vulnerabilities)',
  passesWhen: (p) => `no ${p.failOn.join(' or ')} finding in the OSV-Scanner / Trivy / Grype report, nor in the promoted model file as scanned on upload (every finding listed with file, offset, global and why)`,
  params: Type.Object({
    failOn: Type.Array(Type.Union(SEVERITIES.map((s) => Type.Literal(s))), { uniqueItems: true, maxItems: SEVERITIES.length, default: ['critical', 'high'], description: 'finding severities that fail the check' }),
    requireArtifact: Type.Boolean({ default: true, description: 'the promotion must name an uploaded model file' }),
    allowFrameworks: Type.Array(FrameworkAllowance, { maxItems: 20, default: [], description: "named framework allow-lists (sklearn, xgboost, ...) admitted for the models listed; the deny list still wins" }),
  }, { additionalProperties: false }),
  requires: { evidence: { vulnerabilityReport: VulnerabilityReportEvidence }, artifact: true },
  severity: 'critical',
  environments: ALL_ENVIRONMENTS,
  runner: 'worker',
  async run({ evidence, params, promotion, lookups }) {
    const failOn: Finding['severity'][] = params.failOn
    const { requireArtifact } = params
    const threshold = { failOn, maxBlockingFindings: 0, artifactRequired: requireArtifact }
    const artifact = promotion.artifact as { uri: string; digest: string } | null
    const frameworks = params.allowFrameworks.filter((a) => a.models.includes(promotion.model.name)).map((a) => a.framework as string)
    const files = await lookups.artifactFiles()
    const scanned = files.flatMap((f) => f.findings.map((x) => ({ ...x, artifact: f.filename })))
    const { kept: artifactFindings, admitted } = admitByFrameworks(scanned, frameworks)
    const artifactBlocking = artifactFindings.filter((x) => (failOn as string[]).includes(x.severity))
    if (!artifact && requireArtifact) {
      return failed('no artifact was declared, so the model file was not scanned', 'upload the model file with PUT /v1/models/:name/versions/:version/artifacts/:filename and declare artifact: {uri, digest} in the promotion request', { threshold })
    }
    if (artifact && files.length === 0) {
      return failed(`artifact.digest ${artifact.digest} names no file of the version's frozen file set, so no scanned bytes back it`, 'upload the model file before requesting the promotion, and declare the digest the upload returned (or the version\'s manifest digest)', { threshold })
    }
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
    const measured = { ...counts, blocking: blocking.length, artifactFindings: artifactFindings.length, artifactBlocking: artifactBlocking.length, artifactAdmitted: admitted.length }
    const details = {
      formats: reports.map((r) => r.format),
      findings: all.slice(0, MAX_LISTED),
      findingsTruncated: all.length > MAX_LISTED,
      blocking: blocking.slice(0, MAX_LISTED),
      artifact: artifact
        ? {
            digest: artifact.digest,
            files: files.map((f) => ({ filename: f.filename, digest: f.digest, format: f.format })),
            findings: artifactFindings.slice(0, MAX_LISTED),
            frameworks,
            admitted: admitted.slice(0, MAX_LISTED).map((a) => ({ file: a.finding.file, global: a.finding.global, by: a.by })),
          }
        : null,
    }
    if (artifactBlocking.length > 0) {
      const named = artifactBlocking.slice(0, 3).map((x) => `${x.file}${x.offset !== undefined ? `@${x.offset}` : ''}: ${x.global ? `${x.global} — ` : ''}${x.reason}`)
      const deps = blocking.length > 0 ? `; and ${blocking.length} ${failOn.join('/')} dependency vulnerabilities` : ''
      return {
        status: 'failed', measured, threshold, details,
        summary: `the model file has ${artifactBlocking.length} ${failOn.join('/')} finding(s): ${named.join('; ')}${artifactBlocking.length > 3 ? '; …' : ''}${deps}`,
        remedy: 'do not load this file: rebuild the artifact from trusted code and serialise it in a format that cannot run code (safetensors), then upload it again',
      }
    }
    if (blocking.length === 0) {
      return { status: 'passed', measured, threshold, details, summary: `${all.length} dependency findings and ${artifactFindings.length} artifact findings, none ${failOn.join(' or ')}` }
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
})
