import { concatBytes, copyBytes } from './bytes.js'
import { CompressedSink } from './compressed-sink.js'
import type { ScanContext } from './context.js'
import { Hdf5Sink } from './hdf5/hdf5-sink.js'
import { KerasConfigSink } from './keras/config-sink.js'
import { containerProblems } from './container.js'
import { ProbeSink } from './probe-sink.js'
import { NpySink } from './numpy/npy-sink.js'
import { PickleSink } from './pickle/scanner.js'
import { SafetensorsSink } from './safetensors/safetensors-sink.js'
import { discardSink, guardSink, type ByteSink } from './sink.js'
import { SNIFF_BYTES, sniff, type SniffedFormat } from './sniff.js'
import { LEGACY_PICKLE_COUNT } from './torch/legacy.js'
import type { MemberHeader } from './zip/records.js'
import { ZipSink } from './zip/zip-sink.js'

/** What to make of content with no recognizable marker. */
export type Fallback = 'pickle' | 'ignore'

export interface ArtifactSink extends ByteSink {
  /** The format detected, once known ("unknown" before enough bytes arrived). */
  readonly format: string
}

/** Extensions under which a file is loaded as a model, so unmarked content is read as a pickle. */
const MODEL_EXTENSIONS = /\.(pt|pth|bin|ckpt|pkl|pickle|joblib|dat|data|npy|npz|zip|keras|safetensors|h5|hdf5|model|sav)$/i
/** torch zip archives keep tensor bytes in <prefix>/data/<key>; torch.load reads them raw. */
const TORCH_TENSOR_MEMBER = /(^|\/)data\/[0-9A-Za-z_]+$/

const UNSUPPORTED: Partial<Record<SniffedFormat, string>> = {
  xz: 'xz-compressed content cannot be decompressed by this scan',
  '7z': '7z archives cannot be opened by this scan',
  bzip2: 'bzip2-compressed content cannot be decompressed by this scan',
  lz4: 'lz4-compressed content cannot be decompressed by this scan',
  zstd: 'zstd-compressed content cannot be decompressed by this scan',
  tar: 'tar archives are not supported by this scan',
}

const EMPTY = new Uint8Array(0)

/**
 * Protocol 0 and 1 pickles have no marker; these first opcodes (GLOBAL, MARK, INST, empty
 * containers, PROTO 0/1) are how a loader-bound one starts. A member starting so is scanned as a
 * pickle whatever its name: a text file that happens to start with "(" fails closed, which is the
 * price of never skipping a pickle for its name.
 */
function startsLikePickle(head: Uint8Array): boolean {
  const first = head[0]
  if (first === 0x80) return (head[1] ?? 0xff) <= 5
  return first === 0x63 || first === 0x28 || first === 0x69 || first === 0x5d || first === 0x7d || first === 0x29
}

function zipKind(names: readonly string[]): string {
  if (names.some((name) => /^([^/]+\/)?data\.pkl$/.test(name))) return 'pytorch-zip'
  if (names.includes('config.json') && (names.includes('metadata.json') || names.some((name) => name.endsWith('.weights.h5')))) return 'keras'
  if (names.length > 0 && names.every((name) => name.endsWith('.npy'))) return 'npz'
  return 'zip'
}

/**
 * Buffers the first bytes of a stream, decides what it is, then hands everything to the scanner
 * for that format. Nested members go through the same door, one level deeper.
 */
class DetectingSink implements ArtifactSink {
  private pieces: Uint8Array[] = []
  private size = 0
  private inner: ByteSink | null = null
  private describe: () => string = () => 'unknown'
  private head: Uint8Array = EMPTY

  constructor(
    private readonly ctx: ScanContext,
    private readonly file: string,
    private readonly depth: number,
    private readonly fallback: Fallback,
  ) {}

  get format(): string {
    return this.describe()
  }

  get done(): boolean {
    return this.inner?.done ?? false
  }

  write(chunk: Uint8Array): void {
    if (this.inner) {
      if (!this.inner.done) this.inner.write(chunk)
      return
    }
    // Callers may reuse a chunk's buffer once write() returns, so what waits here is a copy.
    this.pieces.push(this.pieces.length === 0 && chunk.length >= SNIFF_BYTES ? chunk : copyBytes(chunk))
    this.size += chunk.length
    if (this.size >= SNIFF_BYTES) this.decide()
  }

  end(): void {
    if (!this.inner) this.decide()
    this.inner?.end()
  }

  private decide(): void {
    let head = this.pieces[0] ?? new Uint8Array(0)
    for (const piece of this.pieces.slice(1)) head = concatBytes(head, piece)
    this.pieces = []
    this.head = head
    this.inner = guardSink(this.choose(sniff(head.subarray(0, SNIFF_BYTES))), this.ctx, this.file, 'scan')
    this.head = EMPTY
    if (head.length > 0 && !this.inner.done) this.inner.write(head)
  }

  private report(severity: 'critical' | 'high', reason: string): void {
    this.ctx.report({ scanner: 'format', severity, file: this.file, reason })
  }

  private choose(format: SniffedFormat): ByteSink {
    const { ctx, file, depth } = this
    switch (format) {
      case 'empty':
        this.describe = () => 'empty'
        // An empty asset in an archive is harmless; empty content where a model is expected is not a pass.
        if (depth === 0 || this.fallback === 'pickle') this.report('critical', 'empty content: nothing to load, nothing verified')
        return discardSink
      case 'zip': {
        if (depth > ctx.maxDepth) {
          this.describe = () => 'zip'
          this.report('high', `archive nested deeper than ${ctx.maxDepth} levels; not scanned`)
          return discardSink
        }
        const zip = new ZipSink(ctx, file, (header, memberFile) => memberSink(ctx, header, memberFile, depth + 1))
        this.describe = () => zipKind(zip.memberNames)
        return {
          get done() {
            return zip.done
          },
          write: (chunk) => zip.write(chunk),
          end: () => {
            zip.end()
            const kind = zipKind(zip.memberNames)
            for (const problem of containerProblems(kind, zip.memberNames)) {
              ctx.report({ scanner: 'zip', severity: 'high', file, field: problem.member, reason: problem.reason })
            }
          },
        }
      }
      case 'numpy':
        this.describe = () => 'numpy'
        return new NpySink({ ctx, file, checkDataLength: true })
      case 'pytorch-legacy':
        this.describe = () => 'pytorch-legacy'
        return new PickleSink({ ctx, file, picklesThenData: LEGACY_PICKLE_COUNT })
      case 'hdf5':
        this.describe = () => 'hdf5'
        return new Hdf5Sink(ctx, file)
      case 'safetensors':
        this.describe = () => 'safetensors'
        return new SafetensorsSink(ctx, file)
      case 'gzip':
      case 'zlib': {
        if (depth > ctx.maxDepth) {
          this.describe = () => format
          this.report('high', `compressed content nested deeper than ${ctx.maxDepth} levels; not scanned`)
          return discardSink
        }
        const inner = new DetectingSink(ctx, file, depth + 1, 'pickle')
        this.describe = () => `${format}+${inner.format}`
        return new CompressedSink(ctx, file, format, inner)
      }
      case 'pickle':
        return this.pickle()
      case 'json':
        this.describe = () => 'json'
        // As a whole artifact, JSON is a model config for Keras to deserialize; inside an
        // archive only the container's own config.json is one (routed by name).
        return depth === 0 ? new KerasConfigSink(ctx, file) : discardSink
      case 'unknown':
        if (this.fallback === 'pickle' || startsLikePickle(this.head)) return this.pickle()
        this.describe = () => 'unknown'
        return discardSink
      default: {
        this.describe = () => format
        const unsupported = UNSUPPORTED[format] ?? `unsupported format ${format}`
        // Weights files inside archives (a Keras model's .weights.h5) carry no loader code paths.
        if (depth === 0 || this.fallback === 'pickle') this.report('high', `${unsupported}; content unverified`)
        return discardSink
      }
    }
  }

  private pickle(): ByteSink {
    const sink = new PickleSink({ ctx: this.ctx, file: this.file })
    this.describe = () => (sink.joblib ? 'joblib' : 'pickle')
    return sink
  }
}

function memberSink(ctx: ScanContext, header: MemberHeader, file: string, depth: number): ByteSink | null {
  const name = header.name
  if (name.endsWith('/')) return null
  if (TORCH_TENSOR_MEMBER.test(name)) return guardSink(new ProbeSink(ctx, file), ctx, file, 'scan')
  const base = name.slice(name.lastIndexOf('/') + 1)
  let sink: ByteSink
  if (/\.(pkl|pickle)$/i.test(base)) sink = new PickleSink({ ctx, file })
  else if (name === 'config.json') sink = new KerasConfigSink(ctx, file)
  else sink = new DetectingSink(ctx, file, depth, MODEL_EXTENSIONS.test(base) ? 'pickle' : 'ignore')
  return guardSink(sink, ctx, file, 'scan')
}

/** The scanner for a whole artifact (depth 0) whose format is not yet known. */
export function createArtifactSink(ctx: ScanContext, file: string): ArtifactSink {
  return new DetectingSink(ctx, file, 0, 'pickle')
}
