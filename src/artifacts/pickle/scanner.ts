import { concatBytes, copyBytes, readInt32LE, readUint16LE, readUint32LE, readUint64LE, safeLength } from '../bytes.js'
import type { ScanContext } from '../context.js'
import type { Severity } from '../finding.js'
import type { ByteSink } from '../sink.js'
import { PickleMachine, type Directive, type FindingExtra, type ParsedOp } from './machine.js'
import { FIXED_WIDTH, LENGTH_WIDTH, OPCODES, type OpcodeInfo } from './opcodes.js'
import type { Value } from './values.js'

export interface PickleSinkOptions {
  ctx: ScanContext
  file: string
  /**
   * After this many complete pickles the stream carries raw data, not pickles (legacy torch files:
   * five pickles, then storage bytes that torch.load reads without unpickling).
   */
  picklesThenData?: number
  /** Sees each top-level pickle's result, for format checks such as the legacy torch magic number. */
  onPickle?: (index: number, value: Value) => void
}

type Mode = 'op' | 'payload-keep' | 'payload-skip' | 'line-skip' | 'pad-byte' | 'raw-skip' | 'trailing' | 'dead'

const MAX_NESTED_PICKLES = 32

/** Line arguments that only carry data: an overlong one is skipped, not fatal. */
const DATA_LINES = new Set(['STRING', 'UNICODE', 'INT', 'LONG', 'FLOAT', 'PERSID'])

/**
 * Streaming pickle scanner. Bytes arrive in chunks of any size; an opcode split across chunks is
 * completed from a small carry buffer, and large payloads (tensor bytes in BINBYTES*, BYTEARRAY8,
 * joblib's inline arrays) are counted past without being buffered. Memory is bounded by the
 * limits on kept strings, lines, memo and stack, never by the size of the stream.
 */
export class PickleSink implements ByteSink {
  private readonly machine: PickleMachine
  /** Outer machines suspended while a nested pickle (a joblib object array) is scanned. */
  private readonly suspended: PickleMachine[] = []
  private mode: Mode = 'op'
  private pending: Uint8Array | null = null
  private offset = 0
  private inPickle = false
  private pickles = 0
  private skipLeft = 0
  private arrayBytes = 0
  /** One op object, refilled for every opcode: the machine reads it synchronously and keeps nothing. */
  private readonly op: ParsedOp = { code: 0x2e, info: OPCODES[0x2e] as OpcodeInfo, offset: 0, int: 0, line: null, second: null, payload: null, length: 0 }
  private keep: Uint8Array | null = null
  private kept = 0
  /** True once a joblib array wrapper was followed. */
  joblib = false

  constructor(private readonly options: PickleSinkOptions) {
    this.machine = this.newMachine()
  }

  get done(): boolean {
    return this.mode === 'dead' || this.mode === 'trailing'
  }

  /** At least one pickle ran to its STOP. */
  get complete(): boolean {
    return this.pickles > 0
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.offset
  }

  private newMachine(): PickleMachine {
    const { ctx, file } = this.options
    return new PickleMachine(
      {
        finding: (severity, reason, offset, extra) => this.report(severity, reason, offset, extra),
        import: (judgement) => ctx.recordImport(judgement),
      },
      ctx.limits,
    )
  }

  private current: PickleMachine | null = null

  private get vm(): PickleMachine {
    return this.current ?? this.machine
  }

  private report(severity: Severity, reason: string, offset?: number, extra?: FindingExtra): void {
    this.options.ctx.report({ scanner: 'pickle', severity, file: this.options.file, ...(offset === undefined ? {} : { offset }), ...extra, reason })
  }

  write(chunk: Uint8Array): void {
    if (this.mode === 'dead' || this.mode === 'trailing') {
      this.offset += chunk.length
      return
    }
    let data = chunk
    if (this.pending) {
      data = concatBytes(this.pending, chunk)
      this.pending = null
    }
    let pos = 0
    while (pos < data.length) {
      const before = pos
      pos = this.step(data, pos)
      if (pos === before && this.mode === 'op') {
        // Not enough bytes for the next opcode: keep the tail (bounded by the line limit).
        this.pending = copyBytes(data, pos)
        return
      }
    }
  }

  private step(data: Uint8Array, pos: number): number {
    const available = data.length - pos
    switch (this.mode) {
      case 'dead':
      case 'trailing':
        this.offset += available
        return data.length
      case 'payload-skip':
      case 'raw-skip': {
        const n = Math.min(this.skipLeft, available)
        this.skipLeft -= n
        this.offset += n
        if (this.skipLeft === 0) {
          const wasPayload = this.mode === 'payload-skip'
          this.mode = 'op'
          if (wasPayload) {
            this.op.payload = null
            this.finish()
          }
        }
        return pos + n
      }
      case 'payload-keep': {
        const keep = this.keep as Uint8Array
        const n = Math.min(keep.length - this.kept, available)
        keep.set(data.subarray(pos, pos + n), this.kept)
        this.kept += n
        this.offset += n
        if (this.kept === keep.length) {
          this.mode = 'op'
          this.keep = null
          this.op.payload = keep
          this.finish()
        }
        return pos + n
      }
      case 'line-skip': {
        const newline = data.indexOf(10, pos)
        const end = newline < 0 ? data.length : newline + 1
        this.offset += end - pos
        if (newline >= 0) {
          this.mode = 'op'
          this.op.line = null
          this.finish()
        }
        return end
      }
      case 'pad-byte': {
        const padding = data[pos] as number
        this.offset += 1
        this.skipLeft = padding + this.arrayBytes
        this.mode = this.skipLeft > 0 ? 'raw-skip' : 'op'
        return pos + 1
      }
      case 'op':
        return this.readOp(data, pos)
    }
  }

  private startPickle(info: OpcodeInfo | undefined): boolean {
    if (this.pickles > 0 && !info) {
      this.report('medium', 'trailing bytes after the last pickle that are not pickle data', this.offset)
      this.mode = 'trailing'
      return false
    }
    if (this.pickles >= this.options.ctx.limits.picklesPerStream) {
      this.report('high', `more than ${this.options.ctx.limits.picklesPerStream} pickles in one stream; the rest was not scanned`, this.offset)
      this.mode = 'dead'
      return false
    }
    if (this.pickles > 0) this.machine.reset()
    this.inPickle = true
    return true
  }

  private readOp(data: Uint8Array, pos: number): number {
    const code = data[pos] as number
    const info = OPCODES[code]
    if (!this.inPickle && !this.startPickle(info)) return pos
    if (!info) {
      this.report('critical', `unknown opcode 0x${code.toString(16).padStart(2, '0')}: not a valid pickle here; nothing after it was scanned`, this.offset)
      this.mode = 'dead'
      return pos
    }
    const available = data.length - pos
    const op = this.op
    op.code = code
    op.info = info
    op.offset = this.offset
    op.line = null
    op.second = null
    op.payload = null
    op.length = 0
    const fixed = FIXED_WIDTH[info.arg]
    if (fixed !== undefined) {
      if (available < 1 + fixed) return pos
      const at = pos + 1
      let int: number | bigint = 0
      switch (info.arg) {
        case 'u1':
          int = data[at] as number
          break
        case 'u2':
          int = readUint16LE(data, at)
          break
        case 'i4':
          int = readInt32LE(data, at)
          break
        case 'u4':
          int = readUint32LE(data, at)
          break
        case 'u8':
          int = readUint64LE(data, at)
          break
        default:
          break
      }
      this.offset += 1 + fixed
      op.int = int
      this.finish()
      return at + fixed
    }
    const width = LENGTH_WIDTH[info.arg]
    if (width !== undefined) return this.readPayloadOp(data, pos, width)
    return this.readLineOp(data, pos)
  }

  private readPayloadOp(data: Uint8Array, pos: number, width: number): number {
    const op = this.op
    const available = data.length - pos
    if (available < 1 + width) return pos
    const at = pos + 1
    let length: number
    if (width === 1) length = data[at] as number
    else if (width === 8) length = safeLength(readUint64LE(data, at))
    else if (op.info.arg === 'len4s') length = readInt32LE(data, at)
    else length = readUint32LE(data, at)
    if (length < 0) {
      this.report('critical', `malformed pickle: negative length for ${op.info.name}`, this.offset)
      this.mode = 'dead'
      return pos
    }
    const limits = this.options.ctx.limits
    const payloadKind = op.info.payload
    const keep =
      (payloadKind === 'utf8' || payloadKind === 'latin1') ? length <= limits.pickleStringChars * 4
        : payloadKind === 'long' ? length <= 16
          : false
    const header = 1 + width
    const inChunk = available - header
    op.length = length
    if (inChunk >= length) {
      this.offset += header + length
      op.payload = keep ? data.subarray(at + width, at + width + length) : null
      this.finish()
      return pos + header + length
    }
    this.offset += available
    if (keep) {
      this.keep = new Uint8Array(length)
      this.keep.set(data.subarray(at + width), 0)
      this.kept = inChunk
      this.mode = 'payload-keep'
    } else {
      this.skipLeft = length - inChunk
      this.mode = 'payload-skip'
    }
    return data.length
  }

  private readLineOp(data: Uint8Array, pos: number): number {
    const op = this.op
    const lineLimit = this.options.ctx.limits.pickleLineBytes
    const available = data.length - pos
    // A line over the limit is judged the same whether it arrived whole or byte by byte.
    const first = data.indexOf(10, pos + 1)
    if (first < 0) return available - 1 > lineLimit ? this.overlong(data, pos, -1) : pos
    if (first - pos - 1 > lineLimit) return this.overlong(data, pos, first)
    if (op.info.arg === 'line') {
      this.offset += first + 1 - pos
      op.line = data.subarray(pos + 1, first)
      this.finish()
      return first + 1
    }
    const second = data.indexOf(10, first + 1)
    if (second < 0) return data.length - first - 1 > lineLimit ? this.overlong(data, pos, -1) : pos
    if (second - first - 1 > lineLimit) return this.overlong(data, pos, second)
    this.offset += second + 1 - pos
    op.line = data.subarray(pos + 1, first)
    op.second = data.subarray(first + 1, second)
    this.finish()
    return second + 1
  }

  /** `newline` is the end of the line when it is already in hand, else -1. */
  private overlong(data: Uint8Array, pos: number, newline: number): number {
    const op = this.op
    if (!DATA_LINES.has(op.info.name)) {
      this.report('critical', `malformed pickle: ${op.info.name} argument longer than ${this.options.ctx.limits.pickleLineBytes} bytes; nothing after it was scanned`, this.offset)
      this.mode = 'dead'
      return pos
    }
    if (newline >= 0) {
      this.offset += newline + 1 - pos
      op.line = null
      this.finish()
      return newline + 1
    }
    this.mode = 'line-skip'
    this.offset += data.length - pos
    return data.length
  }

  private finish(): void {
    this.follow(this.vm.exec(this.op))
  }

  private follow(directive: Directive): void {
    if (!directive) return
    switch (directive.kind) {
      case 'fatal':
        this.mode = 'dead'
        return
      case 'stop':
        this.stopped(directive.value)
        return
      case 'joblib-array': {
        this.joblib = true
        const layout = directive.layout
        if (layout.kind === 'raw') {
          this.arrayBytes = layout.bytes
          if (layout.padded) this.mode = 'pad-byte'
          else if (layout.bytes > 0) {
            this.skipLeft = layout.bytes
            this.mode = 'raw-skip'
          }
        } else if (layout.kind === 'pickle') {
          if (this.suspended.length >= MAX_NESTED_PICKLES) {
            this.report('high', `joblib object arrays nested more than ${MAX_NESTED_PICKLES} deep; the rest of the stream was not scanned`, this.offset)
            this.mode = 'dead'
            return
          }
          // joblib pickles object arrays with a separate protocol-2 pickle, read by its own
          // pickle.load: a fresh machine, after which the outer one resumes.
          this.suspended.push(this.vm)
          this.current = this.newMachine()
        } else {
          this.report('high', `joblib array data cannot be delimited (${layout.reason}); the rest of the stream was not scanned`, this.offset)
          this.mode = 'dead'
        }
        return
      }
    }
  }

  private stopped(value: Value): void {
    const outer = this.suspended.pop()
    if (outer) {
      this.current = outer
      return
    }
    const index = this.pickles
    this.pickles += 1
    this.inPickle = false
    this.options.onPickle?.(index, value)
    const limit = this.options.picklesThenData
    if (limit !== undefined && this.pickles >= limit) this.mode = 'trailing'
  }

  end(): void {
    if (this.mode === 'dead') return
    if (this.mode === 'trailing') return
    if (this.offset === 0 && !this.pending) {
      this.report('critical', 'empty stream: no pickle at all')
      return
    }
    if (this.inPickle || this.pending || this.mode !== 'op') {
      this.report('critical', 'truncated pickle: the stream ends before STOP; a loader would fail, and the content is unverified', this.offset + (this.pending?.length ?? 0))
      this.mode = 'dead'
      return
    }
    const expected = this.options.picklesThenData
    if (expected !== undefined && this.pickles < expected) {
      this.report('critical', `expected ${expected} pickles in sequence, found ${this.pickles}`, this.offset)
    }
  }
}
