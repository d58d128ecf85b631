import { ScanContext } from './context.js'
import { PickleSink } from './pickle/scanner.js'
import type { ByteSink } from './sink.js'

/**
 * For bytes that are data by their place (a torch archive's tensor storages) but that a loader
 * could be told to unpickle (torch.load's pickle_file, CVE-2025-1889): if they start like a pickle
 * they are scanned as one, in a context of their own. Tensor bytes that merely start with 0x80
 * fail to parse and are dropped; a complete pickle, or any import judged on the way, is reported.
 */
export class ProbeSink implements ByteSink {
  private inner: PickleSink | null = null
  private readonly probe: ScanContext
  private decided = false
  private first: number | null = null

  constructor(
    private readonly ctx: ScanContext,
    private readonly file: string,
  ) {
    this.probe = new ScanContext(ctx.limits, ctx.maxDepth)
  }

  get done(): boolean {
    return this.decided && (this.inner === null || this.inner.done)
  }

  write(chunk: Uint8Array): void {
    if (chunk.length === 0) return
    if (!this.decided) {
      if (this.first === null) {
        this.first = chunk[0] as number
        if (this.first !== 0x80) {
          this.decided = true
          return
        }
        if (chunk.length < 2) {
          this.held = Uint8Array.from(chunk)
          return
        }
      }
      const head = this.held ? Buffer.concat([this.held, chunk]) : chunk
      this.held = null
      this.decided = true
      if ((head[1] as number) > 5) return
      this.inner = new PickleSink({ ctx: this.probe, file: this.file })
      this.inner.write(head)
      return
    }
    if (this.inner && !this.inner.done) this.inner.write(chunk)
  }

  private held: Uint8Array | null = null

  end(): void {
    const inner = this.inner
    if (!inner) return
    inner.end()
    const imports = this.probe.findings.filter((f) => f.global !== undefined)
    if (!inner.complete && imports.length === 0) return
    this.ctx.report({ scanner: 'pickle', severity: 'high', file: this.file, reason: 'a tensor data member holds pickle data: torch.load can be pointed at it (pickle_file), so it is judged as a pickle' })
    for (const finding of inner.complete ? this.probe.findings : imports) this.ctx.report(finding)
    for (const judgement of this.probe.imports) this.ctx.recordImport(judgement)
  }
}
