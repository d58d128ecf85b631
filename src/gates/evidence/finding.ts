export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'unknown'

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'unknown']

export type VulnerabilityReportFormat = 'osv-scanner' | 'trivy' | 'grype'

export interface Finding {
  id: string
  package: string
  version?: string
  severity: Severity
  fixedVersion?: string
  title?: string
  /** The report format the finding came from. */
  source: string
}

export interface VulnerabilityReport {
  format: VulnerabilityReportFormat
  findings: Finding[]
}
