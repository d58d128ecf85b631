import type { Finding } from './finding.js'
import type { ScanLimits } from './limits.js'
import type { GlobalJudgement } from './pickle/policy.js'

const MAX_FINDINGS = 1000

/**
 * State shared by every scanner working on one artifact, nested members included: the findings,
 * the imports seen, and the budgets that must hold across the whole tree (a zip bomb spreads its
 * bytes over many members and levels).
 */
export class ScanContext {
  readonly findings: Finding[] = []
  readonly globals: string[] = []
  readonly imports: GlobalJudgement[] = []
  private readonly seenGlobals = new Set<string>()
  private readonly seenFindings = new Set<string>()
  private truncated = false
  uncompressedTotal = 0

  constructor(
    readonly limits: ScanLimits,
    readonly maxDepth: number,
  ) {}

  report(finding: Finding): void {
    // A stream that imports os.system a million times is one problem, not a million findings,
    // and the report must stay small whatever the input.
    const key = [finding.scanner, finding.file, finding.severity, finding.global ?? '', finding.field ?? '', finding.reason].join('\u0000')
    if (this.seenFindings.has(key)) return
    if (this.findings.length >= MAX_FINDINGS) {
      if (!this.truncated) {
        this.truncated = true
        this.findings.push({
          scanner: 'scan',
          severity: 'high',
          file: finding.file,
          reason: `more than ${MAX_FINDINGS} distinct findings; the rest were dropped`,
        })
      }
      return
    }
    this.seenFindings.add(key)
    this.findings.push(finding)
  }

  recordImport(judgement: GlobalJudgement): void {
    if (this.seenGlobals.has(judgement.global)) return
    // The import list is informational; a hostile stream naming endless modules must not grow it
    // without bound (each distinct import is still judged and, if not allowed, reported).
    if (this.seenGlobals.size >= 10_000) return
    this.seenGlobals.add(judgement.global)
    this.globals.push(judgement.global)
    this.imports.push(judgement)
  }
}

export function memberPath(parent: string, member: string): string {
  return `${parent}!${member}`
}
