import { readUint16LE, readUint32LE } from '../bytes.js'
import type { ScanContext } from '../context.js'
import type { Severity } from '../finding.js'
import { PickleSink } from '../pickle/scanner.js'
import type { ByteSink } from '../sink.js'
import { elementCount } from './dtype.js'
import { parseDescr } from './descr.js'
import { isTuple, parsePyLiteral } from './literal.js'

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]
/** numpy.lib.format refuses larger headers unless the caller raises max_header_size. */
const NUMPY_DEFAULT_MAX_HEADER = 10_000

export interface NpySinkOptions {
  ctx: ScanContext
  file: string
  /**
   * Check that the data length matches the header. Off for members of compressed archives, where
   * only the header matters and inflating gigabytes of numbers to count them buys nothing.
   */
  checkDataLength: boolean
}

type State = 'preamble' | 'header' | 'data' | 'pickle' | 'done'

/**
 * A NumPy .npy file: magic, version, a dict-literal header, then raw data, or, for object dtypes,
 * a pickle that np.load(allow_pickle=True) unpickles.
 */
export class NpySink implements ByteSink {
  private state: State = 'preamble'
  private buffer = new Uint8Array(12)
  private filled = 0
  private need = 10
  private version = 1
  private dataBytes = 0
  private expectedData: number | null = null
  private pickle: PickleSink | null = null

  constructor(private readonly options: NpySinkOptions) {}

  get done(): boolean {
    return this.state === 'done' || (this.state === 'data' && !this.options.checkDataLength) || (this.pickle?.done ?? false)
  }

  private report(severity: Severity, reason: string, field?: string): void {
    this.options.ctx.report({ scanner: 'numpy', severity, file: this.options.file, ...(field === undefined ? {} : { field }), reason })
  }

  write(chunk: Uint8Array): void {
    let at = 0
    while (at < chunk.length) {
      if (this.state === 'done') return
      if (this.state === 'data') {
        this.dataBytes += chunk.length - at
        return
      }
      if (this.state === 'pickle') {
        this.pickle?.write(at === 0 ? chunk : chunk.subarray(at))
        return
      }
      const n = Math.min(this.need - this.filled, chunk.length - at)
      this.buffer.set(chunk.subarray(at, at + n), this.filled)
      this.filled += n
      at += n
      if (this.filled === this.need) this.advance()
    }
  }

  private advance(): void {
    if (this.state === 'preamble') {
      if (!MAGIC.every((byte, i) => this.buffer[i] === byte)) {
        this.fail('not an .npy file: bad magic')
        return
      }
      this.version = this.buffer[6] as number
      if (this.version < 1 || this.version > 3) {
        this.fail(`unsupported .npy version ${this.version}`)
        return
      }
      if (this.version > 1 && this.need === 10) {
        this.need = 12
        return
      }
      const length = this.version === 1 ? readUint16LE(this.buffer, 8) : readUint32LE(this.buffer, 8)
      if (length > this.options.ctx.limits.npyHeaderBytes) {
        this.report('high', `.npy header of ${length} bytes is over the ${this.options.ctx.limits.npyHeaderBytes} byte limit; not scanned`)
        this.state = 'done'
        return
      }
      if (length > NUMPY_DEFAULT_MAX_HEADER) this.report('medium', `.npy header of ${length} bytes exceeds numpy's default limit of ${NUMPY_DEFAULT_MAX_HEADER}`)
      this.buffer = new Uint8Array(length)
      this.filled = 0
      this.need = length
      this.state = 'header'
      if (length === 0) this.advance()
      return
    }
    this.onHeader(this.buffer.subarray(0, this.need))
  }

  private fail(reason: string): void {
    this.report('critical', `malformed .npy: ${reason}`)
    this.state = 'done'
  }

  private onHeader(bytes: Uint8Array): void {
    const text = new TextDecoder(this.version === 3 ? 'utf-8' : 'latin1').decode(bytes)
    const header = parsePyLiteral(text)
    if (!(header instanceof Map)) {
      this.fail('header is not a dict literal')
      return
    }
    const keys = [...header.keys()].sort().join(',')
    if (keys !== 'descr,fortran_order,shape') {
      this.fail(`header keys are ${keys || 'missing'}, not descr, fortran_order and shape`)
      return
    }
    const dtype = parseDescr(header.get('descr'))
    const shape = header.get('shape')
    if (typeof header.get('fortran_order') !== 'boolean' || !isTuple(shape) || !shape.tuple.every((d) => typeof d === 'number')) {
      this.fail('header fields have the wrong types')
      return
    }
    if (!dtype) {
      this.report('high', `dtype ${JSON.stringify(header.get('descr'))} is not understood; data not checked`, 'descr')
      this.state = 'done'
      return
    }
    if (dtype.hasObject) {
      this.report('high', 'object dtype: the data is a pickle that np.load(allow_pickle=True) executes', 'descr')
      this.pickle = new PickleSink({ ctx: this.options.ctx, file: this.options.file })
      this.state = 'pickle'
      return
    }
    const count = elementCount(shape.tuple as number[])
    this.expectedData = count === null ? null : count * dtype.itemsize
    this.state = 'data'
  }

  end(): void {
    switch (this.state) {
      case 'preamble':
      case 'header':
        this.fail('truncated before the end of the header')
        return
      case 'pickle':
        this.pickle?.end()
        return
      case 'data':
        if (this.options.checkDataLength && this.expectedData !== null && this.dataBytes !== this.expectedData) {
          this.report('high', `array data is ${this.dataBytes} bytes but the header describes ${this.expectedData}: numpy reads a different byte range than the file holds`)
        }
        this.state = 'done'
        return
      default:
        return
    }
  }
}
