import { createHash } from 'node:crypto'
import { createArtifactSink } from './artifact-sink.js'
import { readFileChunks } from './file-source.js'
import { ScanContext } from './context.js'
import { SEVERITIES, type ScanReport } from './finding.js'
import { ALLOW_LIST_VERSION } from './pickle/allow-list.js'
import { resolveLimits, type ScanLimits } from './limits.js'

export interface ScanOptions {
  /** Name the artifact is reported under; the root of every finding's `file`. Not used to detect the format. */
  filename: string
  /** How many archive (or compression) levels deep members are still opened. */
  maxDepth?: number
  limits?: Partial<ScanLimits>
}

export type ArtifactSource = { path: string } | AsyncIterable<Uint8Array>

/**
 * Push interface: feed chunks as they arrive (an upload), then end() for the report. A chunk is
 * not retained after write() returns, so callers may reuse their buffers.
 */
export interface ArtifactScanner {
  write(chunk: Uint8Array): void
  end(): ScanReport
}

export const DEFAULT_MAX_DEPTH = 3

export function createArtifactScanner(options: ScanOptions): ArtifactScanner {
  const ctx = new ScanContext(
    resolveLimits(options.limits),
    Number.isInteger(options.maxDepth) && (options.maxDepth as number) >= 0 ? (options.maxDepth as number) : DEFAULT_MAX_DEPTH,
  )
  const file = typeof options.filename === 'string' && options.filename.length > 0 ? options.filename : 'artifact'
  const hash = createHash('sha256')
  const root = createArtifactSink(ctx, file)
  let bytes = 0
  let report: ScanReport | null = null
  // Failures the guarded sinks could not contain (they should not happen) still fail closed.
  const internal = (error: unknown): void => {
    ctx.report({ scanner: 'scan', severity: 'critical', file, reason: `scan failed (${error instanceof Error ? error.message : String(error)}); treated as unsafe` })
  }
  let failed = false
  return {
    write(chunk) {
      if (report) return
      hash.update(chunk)
      bytes += chunk.length
      if (failed || root.done) return
      try {
        root.write(chunk)
      } catch (error) {
        failed = true
        internal(error)
      }
    },
    end() {
      if (report) return report
      if (!failed) {
        try {
          root.end()
        } catch (error) {
          internal(error)
        }
      }
      const findings = [...ctx.findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity))
      report = { format: root.format, findings, globals: [...ctx.globals], imports: [...ctx.imports], allowList: ALLOW_LIST_VERSION, bytes, sha256: hash.digest('hex') }
      return report
    },
  }
}

function isPathSource(source: ArtifactSource): source is { path: string } {
  return typeof (source as { path?: unknown }).path === 'string'
}

/**
 * Scans an artifact in one streaming pass, hashing it in the same pass. Never throws: unreadable
 * input, like unparseable input, comes back as a critical finding.
 */
export async function scanArtifact(source: ArtifactSource, options: ScanOptions): Promise<ScanReport> {
  const scanner = createArtifactScanner(options)
  try {
    const chunks: AsyncIterable<Uint8Array> = isPathSource(source) ? readFileChunks(source.path) : source
    for await (const chunk of chunks) {
      scanner.write(chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk as ArrayBufferLike))
    }
  } catch (error) {
    const report = scanner.end()
    report.findings.unshift({
      scanner: 'scan',
      severity: 'critical',
      file: options.filename,
      reason: `could not read the artifact (${error instanceof Error ? error.message : String(error)}); nothing verified`,
    })
    return report
  }
  return scanner.end()
}
