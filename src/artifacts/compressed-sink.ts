import type { ScanContext } from './context.js'
import type { ByteSink } from './sink.js'
import { InflateStream, type Wrapping } from './zip/inflate.js'

/**
 * A zlib or gzip stream around another artifact (joblib's compress=... files), decompressed on
 * the fly into the scanner for its content, with the same bomb limits as zip members.
 */
export class CompressedSink implements ByteSink {
  private readonly stream: InflateStream
  private produced = 0
  private stopped = false

  constructor(
    private readonly ctx: ScanContext,
    private readonly file: string,
    wrapping: Wrapping,
    private readonly inner: ByteSink,
  ) {
    this.stream = new InflateStream({ output: (piece) => this.output(piece) }, wrapping)
  }

  get done(): boolean {
    return this.stopped || this.stream.done
  }

  private output(piece: Uint8Array): boolean {
    const limits = this.ctx.limits
    this.produced += piece.length
    this.ctx.uncompressedTotal += piece.length
    if (this.produced > limits.ratioFloorBytes && this.produced > this.stream.pushed * limits.compressionRatio) {
      this.stop(`decompresses at more than ${limits.compressionRatio}:1 (compression bomb)`)
      return false
    }
    if (this.produced > limits.zipEntryUncompressedBytes || this.ctx.uncompressedTotal > limits.totalUncompressedBytes) {
      this.stop('decompresses past the size limit')
      return false
    }
    this.inner.write(piece)
    if (this.inner.done) {
      this.stopped = true
      return false
    }
    return true
  }

  private stop(reason: string): void {
    this.stopped = true
    this.ctx.report({ scanner: 'compression', severity: 'high', file: this.file, reason: `${reason}; the rest was not scanned` })
  }

  write(chunk: Uint8Array): void {
    if (this.done) return
    this.stream.write(chunk)
    this.checkError()
  }

  private checkError(): void {
    if (this.stream.error && !this.stopped) {
      this.stopped = true
      this.ctx.report({ scanner: 'compression', severity: 'critical', file: this.file, reason: `corrupt compressed stream (${this.stream.error}); content unverified` })
    }
  }

  end(): void {
    if (!this.done) {
      this.stream.end()
      this.checkError()
    }
    if (!this.stopped || this.inner.done) this.inner.end()
  }
}
