import type { ScanContext } from './context.js'

/**
 * A push-driven consumer of an artifact's bytes. Every scanner is one, so containers can feed
 * their members to nested scanners as the bytes go past, without holding a member in memory.
 */
export interface ByteSink {
  write(chunk: Uint8Array): void
  end(): void
  /** True once the sink needs no more bytes: the feeder may skip the rest instead of decoding it. */
  readonly done: boolean
}

/** Consumes and ignores everything; for members that cannot carry code (tensor data). */
export const discardSink: ByteSink = {
  write() {},
  end() {},
  done: true,
}

/**
 * Turns any exception from a scanner into a critical finding and stops feeding it. Scanners are
 * written not to throw, but an unexpected failure must fail closed, never abort the whole scan or
 * let the artifact through.
 */
export function guardSink(inner: ByteSink, ctx: ScanContext, file: string, scanner: string): ByteSink {
  let failed = false
  const fail = (error: unknown): void => {
    failed = true
    ctx.report({
      scanner,
      severity: 'critical',
      file,
      reason: `scanner failed on this content (${error instanceof Error ? error.message : String(error)}); treated as unsafe`,
    })
  }
  return {
    write(chunk) {
      if (failed) return
      try {
        inner.write(chunk)
      } catch (error) {
        fail(error)
      }
    },
    end() {
      if (failed) return
      try {
        inner.end()
      } catch (error) {
        fail(error)
      }
    },
    get done() {
      return failed || inner.done
    },
  }
}
