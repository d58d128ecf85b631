import { copyBytes } from '../bytes.js'
import type { ScanContext } from '../context.js'
import type { ByteSink } from '../sink.js'
import { checkKerasConfig } from './config.js'

/** Buffers a Keras archive's config.json (bounded) and checks it once complete. */
export class KerasConfigSink implements ByteSink {
  private chunks: Uint8Array[] = []
  private size = 0
  private overflow = false

  constructor(
    private readonly ctx: ScanContext,
    private readonly file: string,
  ) {}

  get done(): boolean {
    return this.overflow
  }

  write(chunk: Uint8Array): void {
    if (this.overflow) return
    this.size += chunk.length
    if (this.size > this.ctx.limits.kerasConfigBytes) {
      this.overflow = true
      this.chunks = []
      this.ctx.report({ scanner: 'keras', severity: 'high', file: this.file, reason: `config.json larger than the ${this.ctx.limits.kerasConfigBytes} byte limit; not checked` })
      return
    }
    this.chunks.push(copyBytes(chunk))
  }

  end(): void {
    if (this.overflow) return
    const bytes = new Uint8Array(this.size)
    let at = 0
    for (const chunk of this.chunks) {
      bytes.set(chunk, at)
      at += chunk.length
    }
    this.chunks = []
    let config: unknown
    try {
      config = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    } catch (error) {
      this.ctx.report({ scanner: 'keras', severity: 'critical', file: this.file, reason: `config.json is not valid JSON (${error instanceof Error ? error.message : String(error)})` })
      return
    }
    for (const problem of checkKerasConfig(config)) {
      this.ctx.report({ scanner: 'keras', severity: problem.severity, file: this.file, field: problem.field, reason: problem.reason })
    }
  }
}
