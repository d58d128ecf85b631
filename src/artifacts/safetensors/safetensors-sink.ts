import { copyBytes, readUint64LE } from '../bytes.js'
import type { ScanContext } from '../context.js'
import type { Severity } from '../finding.js'
import type { ByteSink } from '../sink.js'
import { checkHeader } from './header.js'

type State = 'length' | 'header' | 'data' | 'done'

/**
 * safetensors: an 8-byte little-endian header length, a JSON header, then the tensor bytes,
 * which are never parsed and so are only counted. The format carries no code; what can go wrong
 * is a header that lies about the data (parser differentials, out-of-bounds reads) or one large
 * enough to exhaust a loader.
 */
export class SafetensorsSink implements ByteSink {
  private state: State = 'length'
  private buffer = new Uint8Array(8)
  private filled = 0
  private headerLength = 0n
  private dataBytes = 0n
  private expectedData: bigint | null = null

  constructor(
    private readonly ctx: ScanContext,
    private readonly file: string,
  ) {}

  get done(): boolean {
    return this.state === 'done'
  }

  private report(severity: Severity, reason: string, field?: string): void {
    this.ctx.report({ scanner: 'safetensors', severity, file: this.file, ...(field === undefined ? {} : { field }), reason })
  }

  write(chunk: Uint8Array): void {
    let at = 0
    while (at < chunk.length) {
      switch (this.state) {
        case 'done':
          return
        case 'data':
          this.dataBytes += BigInt(chunk.length - at)
          return
        case 'length': {
          const n = Math.min(8 - this.filled, chunk.length - at)
          this.buffer.set(chunk.subarray(at, at + n), this.filled)
          this.filled += n
          at += n
          if (this.filled === 8) this.onLength()
          break
        }
        case 'header': {
          // Grown as bytes arrive, not allocated from the declared length: a tiny file must not
          // make the scanner reserve the 100 MB it claims.
          const n = Math.min(this.headerRemaining, chunk.length - at)
          this.headerChunks.push(copyBytes(chunk, at, at + n))
          this.headerRemaining -= n
          at += n
          if (this.headerRemaining === 0) this.onHeaderComplete()
          break
        }
      }
    }
  }

  private headerChunks: Uint8Array[] = []
  private headerRemaining = 0

  private onLength(): void {
    this.headerLength = readUint64LE(this.buffer, 0)
    const limit = this.ctx.limits.safetensorsHeaderBytes
    if (this.headerLength > BigInt(limit)) {
      this.report('critical', `header length ${this.headerLength} exceeds the ${limit} byte limit (the reference loader refuses it)`)
      this.state = 'done'
      return
    }
    this.headerRemaining = Number(this.headerLength)
    this.state = 'header'
    if (this.headerRemaining === 0) this.onHeaderComplete()
  }

  private onHeaderComplete(): void {
    const header = new Uint8Array(Number(this.headerLength))
    let at = 0
    for (const piece of this.headerChunks) {
      header.set(piece, at)
      at += piece.length
    }
    this.headerChunks = []
    this.onHeader(header)
  }

  private onHeader(bytes: Uint8Array): void {
    let parsed: unknown
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    } catch (error) {
      this.report('critical', `header is not valid UTF-8 JSON (${error instanceof Error ? error.message : String(error)})`)
      this.state = 'done'
      return
    }
    const check = checkHeader(parsed)
    for (const problem of check.problems) this.report(problem.severity, problem.reason, problem.field)
    this.expectedData = check.dataBytes
    this.state = 'data'
  }

  end(): void {
    if (this.state === 'length') {
      this.report('critical', 'truncated: shorter than the 8-byte header length')
    } else if (this.state === 'header') {
      this.report('critical', `header length ${this.headerLength} runs past the end of the file (header length overflow)`)
    } else if (this.state === 'data' && this.expectedData !== null && this.dataBytes !== this.expectedData) {
      this.report('high', `data section is ${this.dataBytes} bytes but the tensors cover ${this.expectedData}: the file size does not match the header`)
    }
    this.state = 'done'
  }
}
