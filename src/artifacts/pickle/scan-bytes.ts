import { ScanContext } from '../context.js'
import type { Finding } from '../finding.js'
import type { GlobalJudgement } from './policy.js'
import { resolveLimits, type ScanLimits } from '../limits.js'
import { PickleSink } from './scanner.js'

export interface PickleScanResult {
  findings: Finding[]
  globals: string[]
  imports: GlobalJudgement[]
}

/**
 * Scans bytes known to be a pickle stream (no format detection), in chunks of `chunkSize` to
 * exercise the same streaming path uploads take.
 */
export function scanPickleBytes(
  bytes: Uint8Array,
  options: { file?: string; limits?: Partial<ScanLimits>; chunkSize?: number } = {},
): PickleScanResult {
  const ctx = new ScanContext(resolveLimits(options.limits), 0)
  const sink = new PickleSink({ ctx, file: options.file ?? 'pickle' })
  const step = Math.max(1, options.chunkSize ?? (bytes.length || 1))
  try {
    for (let at = 0; at < bytes.length; at += step) sink.write(bytes.subarray(at, at + step))
    sink.end()
  } catch (error) {
    ctx.report({ scanner: 'pickle', severity: 'critical', file: options.file ?? 'pickle', reason: `scan failed (${error instanceof Error ? error.message : String(error)})` })
  }
  return { findings: ctx.findings, globals: ctx.globals, imports: ctx.imports }
}
