import type { Severity } from '../finding.js'
import type { ScanLimits } from '../limits.js'
import { HIGHEST_PROTOCOL, type OpcodeInfo } from './opcodes.js'
import { Memo } from './memo.js'
import { isJoblibArrayWrapper, joblibArrayLayout, type JoblibArrayLayout } from './joblib.js'
import { ALLOWED_ENCODINGS, CALLABLE_ARGUMENTS, CODECS_ENCODE } from './allow-list.js'
import { judgeGlobal, type GlobalJudgement } from './policy.js'
import { decodeLatin1, decodeLong, decodeRawUnicodeEscape, decodeStringRepr, decodeUtf8, parseIntLine, parseSmallDecimal } from './strings.js'
import {
  BYTES,
  extend,
  FALSE,
  FLOAT,
  intValue,
  LONG_STRING,
  MEMO_CONTAINER,
  NONE,
  sequence,
  setItem,
  TRUE,
  WIDE_INT,
  type DictValue,
  type ObjValue,
  type Value,
} from './values.js'

/** One decoded opcode, as the reader hands it over. Byte arrays are only valid during the call. */
export interface ParsedOp {
  code: number
  info: OpcodeInfo
  offset: number
  /** Fixed-width integer argument. */
  int: number | bigint
  /** Line argument; null when there is none or it was too long to keep. */
  line: Uint8Array | null
  /** Second line of GLOBAL and INST. */
  second: Uint8Array | null
  /** Length-prefixed payload; null when it was skipped rather than kept. */
  payload: Uint8Array | null
  length: number
}

export type Directive =
  | undefined
  | { kind: 'stop'; value: Value }
  | { kind: 'joblib-array'; layout: JoblibArrayLayout }
  /** The stream cannot be followed any further. */
  | { kind: 'fatal' }

export interface FindingExtra {
  global?: string
  field?: string
  frameworks?: string[]
  allowList?: string
}

export interface MachineEvents {
  finding(severity: Severity, reason: string, offset: number, extra?: FindingExtra): void
  import(judgement: GlobalJudgement): void
}

class Malformed extends Error {}

/** The stream may be fine; this scan just will not follow it that far. */
class OverLimit extends Error {}

const UNRESOLVED_IMPORTS = new Set(['dynamic import', 'extension import', 'missing memo entry'])

/**
 * A symbolic unpickler: it runs the pickle virtual machine over descriptions of values instead of
 * values, so it can tell which imports feed STACK_GLOBAL (through the memo, across DUP and
 * containers) and what each REDUCE/NEWOBJ/BUILD applies to, without constructing or calling
 * anything. Stack and mark handling follow CPython's _pickle.c, so a stream this machine calls
 * malformed is one CPython would also refuse (and vice versa for the rules that matter).
 */
export class PickleMachine {
  private stack: Value[] = []
  private marks: number[] = []
  private memo = new Memo()
  private opIndex = 0
  private protoSeen = false
  /** The unpickler's protocol: 0 until PROTO says otherwise; below 3, Python 2 names are renamed. */
  private protocol = 0

  constructor(
    private readonly events: MachineEvents,
    private readonly limits: ScanLimits,
  ) {}

  /** A new pickle in the same stream starts with a new Unpickler: empty stack and memo. */
  reset(): void {
    this.stack = []
    this.marks = []
    this.memo = new Memo()
    this.opIndex = 0
    this.protoSeen = false
    this.protocol = 0
  }

  exec(op: ParsedOp): Directive {
    try {
      const directive = this.step(op)
      this.opIndex += 1
      return directive
    } catch (error) {
      if (error instanceof Malformed) {
        this.events.finding('critical', `malformed pickle: ${error.message} at ${op.info.name}; a loader would fail here, and nothing after it was scanned`, op.offset)
        return { kind: 'fatal' }
      }
      if (error instanceof OverLimit) {
        this.events.finding('high', `pickle too large to follow: ${error.message} at ${op.info.name}; nothing after it was scanned`, op.offset)
        return { kind: 'fatal' }
      }
      throw error
    }
  }

  private get fence(): number {
    return this.marks.length > 0 ? (this.marks[this.marks.length - 1] as number) : 0
  }

  private push(value: Value): void {
    if (this.stack.length >= this.limits.pickleStackDepth) {
      throw new OverLimit(`stack deeper than the ${this.limits.pickleStackDepth} limit`)
    }
    this.stack.push(value)
  }

  private pop(): Value {
    if (this.stack.length <= this.fence) throw new Malformed('stack underflow')
    return this.stack.pop() as Value
  }

  private top(): Value {
    if (this.stack.length <= this.fence) throw new Malformed('stack underflow')
    return this.stack[this.stack.length - 1] as Value
  }

  private popMark(): Value[] {
    const mark = this.marks.pop()
    if (mark === undefined) throw new Malformed('no MARK to pop to')
    return this.stack.splice(mark)
  }

  private memoPut(index: number, value: Value): void {
    if (index < 0 || !Number.isSafeInteger(index)) throw new Malformed('negative or invalid memo index')
    if (!this.memo.has(index) && this.memo.size >= this.limits.pickleMemoEntries) {
      throw new OverLimit(`memo larger than the ${this.limits.pickleMemoEntries} entry limit`)
    }
    // Lists, dicts and sets are only ever read back to be mutated, which the scan does not need;
    // dropping them keeps a memo of millions of entries small.
    this.memo.set(index, value.t === 'list' || value.t === 'dict' || value.t === 'set' ? MEMO_CONTAINER : value)
  }

  private memoGet(index: number, offset: number): Value {
    const value = this.memo.get(index)
    if (value !== undefined) return value
    this.events.finding('critical', `memo trick: GET of memo index ${index}, which was never set`, offset)
    return { t: 'opaque', what: 'missing memo entry' }
  }

  private importGlobal(module: string, name: string, offset: number): Value {
    const judgement = judgeGlobal(module, name, this.protocol)
    this.events.import(judgement)
    if (judgement.verdict !== 'allowed') {
      const extra: FindingExtra = { global: judgement.global, allowList: judgement.allowList }
      if (judgement.frameworks) extra.frameworks = judgement.frameworks
      this.events.finding(judgement.severity ?? 'high', `import of ${judgement.global}: ${judgement.reason}`, offset, extra)
    }
    const [resolvedModule, resolvedName] = splitQualified(judgement.resolved, module, name)
    return { t: 'global', module: resolvedModule, name: resolvedName }
  }

  private call(callee: Value, args: Value | null, via: string, offset: number): ObjValue {
    // Imports that could not be resolved were reported where they happened.
    const alreadyReported = callee.t === 'opaque' && UNRESOLVED_IMPORTS.has(callee.what)
    if (callee.t !== 'global' && !alreadyReported) {
      this.events.finding('high', `${via} applies a computed value (${callee.t}) rather than an import: a call chained through another object`, offset)
    }
    if (callee.t === 'global') this.checkArguments(`${callee.module}.${callee.name}`, args, via, offset)
    return { t: 'obj', callee, args, state: null }
  }

  /**
   * An allowed callable that calls (or instantiates) one of its arguments is inert only while that
   * argument is an import, judged on its own when it was imported. A computed one (another call's
   * result, an object built at load time) is a trampoline to anything.
   */
  private checkArguments(qualified: string, args: Value | null, via: string, offset: number): void {
    const positions = CALLABLE_ARGUMENTS.get(qualified)
    const items = args && args.t === 'tuple' && args.items.length === args.count ? args.items : null
    if (positions) {
      for (const position of positions) {
        const argument = items?.[position]
        if (!argument || argument.t !== 'global') {
          this.events.finding('high', `${via} of ${qualified} with a computed ${position === 0 ? 'function or class' : 'class'} argument (${argument ? argument.t : 'not readable'}): it calls whatever it is handed`, offset, { global: qualified })
        }
      }
      return
    }
    if (qualified === CODECS_ENCODE) {
      const encoding = items?.[1]
      const fine = items !== null && (items.length === 1 || (encoding?.t === 'str' && encoding.v !== null && ALLOWED_ENCODINGS.has(encoding.v.toLowerCase())))
      if (!fine) {
        this.events.finding('high', `${via} of ${qualified} with a codec other than latin-1: codec lookup imports encodings modules by name`, offset, { global: qualified })
      }
    }
  }

  private stringArg(op: ParsedOp, decode: (bytes: Uint8Array) => string): Value {
    const bytes = op.payload
    if (!bytes || bytes.length > this.limits.pickleStringChars * 4) return LONG_STRING
    const text = decode(bytes)
    return text.length > this.limits.pickleStringChars ? LONG_STRING : { t: 'str', v: text }
  }

  private lineIndex(op: ParsedOp): number {
    if (!op.line) throw new Malformed('memo index line too long')
    const small = parseSmallDecimal(op.line)
    if (small !== null) return small
    const value = parseIntLine(decodeLatin1(op.line))
    if (value === null || value < 0n || value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Malformed('memo index is not a non-negative integer')
    return Number(value)
  }

  private step(op: ParsedOp): Directive {
    // Dispatch on the opcode byte: a switch over numbers compiles to a jump table, one over names does not.
    if (op.code === 0x80) {
      const version = Number(op.int)
      if (version > HIGHEST_PROTOCOL) throw new Malformed(`unsupported pickle protocol ${version}`)
      if (this.protoSeen) {
        this.events.finding('high', 'PROTO appears more than once in one pickle; writers emit it once, first', op.offset)
      } else if (this.opIndex !== 0) {
        this.events.finding('high', 'PROTO appears after other opcodes; writers emit it first', op.offset)
      }
      this.protoSeen = true
      this.protocol = version
      return undefined
    }
    switch (op.code) {
      case 0x95: // FRAME
        return undefined
      case 0x2e: // STOP
        return { kind: 'stop', value: this.pop() }
      case 0x28: // MARK
        this.marks.push(this.stack.length)
        return undefined
      case 0x30: // POP
        if (this.marks.length > 0 && this.fence === this.stack.length) this.marks.pop()
        else this.pop()
        return undefined
      case 0x31: // POP_MARK
        this.popMark()
        return undefined
      case 0x32: // DUP
        this.push(this.top())
        return undefined
      case 0x4e: // NONE
        this.push(NONE)
        return undefined
      case 0x88: // NEWTRUE
        this.push(TRUE)
        return undefined
      case 0x89: // NEWFALSE
        this.push(FALSE)
        return undefined
      case 0x4a: // BININT
      case 0x4b: // BININT1
      case 0x4d: // BININT2
        this.push(intValue(op.int as number))
        return undefined
      case 0x49: { // INT
        if (!op.line) {
          this.push(WIDE_INT)
          return undefined
        }
        const small = parseSmallDecimal(op.line)
        if (small !== null && op.line.length > 2) {
          this.push(intValue(small))
          return undefined
        }
        const text = decodeLatin1(op.line)
        if (text === '00') this.push(FALSE)
        else if (text === '01') this.push(TRUE)
        else {
          const value = parseIntLine(text)
          if (value === null) throw new Malformed('INT argument is not an integer')
          this.push(intValue(value))
        }
        return undefined
      }
      case 0x4c: { // LONG
        if (!op.line) {
          this.push(WIDE_INT)
          return undefined
        }
        const value = parseIntLine(decodeLatin1(op.line))
        if (value === null) throw new Malformed('LONG argument is not an integer')
        this.push(intValue(value))
        return undefined
      }
      case 0x8a: // LONG1
      case 0x8b: // LONG4
        this.push(op.payload ? intValue(decodeLong(op.payload)) : WIDE_INT)
        return undefined
      case 0x46: // FLOAT
      case 0x47: // BINFLOAT
        this.push(FLOAT)
        return undefined
      case 0x53: { // STRING
        if (!op.line) {
          this.push(LONG_STRING)
          return undefined
        }
        const line = op.line
        const quoted = line.length >= 2 && (line[0] === 0x27 || line[0] === 0x22) && line[line.length - 1] === line[0]
        if (!quoted) throw new Malformed('STRING argument is not quoted')
        if (line.length > this.limits.pickleStringChars * 4 + 2) {
          this.push(LONG_STRING)
          return undefined
        }
        const text = decodeStringRepr(line)
        if (text === null) throw new Malformed('STRING argument is not quoted')
        this.push(text.length > this.limits.pickleStringChars ? LONG_STRING : { t: 'str', v: text })
        return undefined
      }
      case 0x56: { // UNICODE
        if (!op.line) {
          this.push(LONG_STRING)
          return undefined
        }
        if (op.line.length > this.limits.pickleStringChars * 10) {
          this.push(LONG_STRING)
          return undefined
        }
        const text = decodeRawUnicodeEscape(op.line)
        this.push(text.length > this.limits.pickleStringChars ? LONG_STRING : { t: 'str', v: text })
        return undefined
      }
      case 0x54: // BINSTRING
      case 0x55: // SHORT_BINSTRING
        this.push(this.stringArg(op, decodeLatin1))
        return undefined
      case 0x58: // BINUNICODE
      case 0x8c: // SHORT_BINUNICODE
      case 0x8d: // BINUNICODE8
        this.push(this.stringArg(op, decodeUtf8))
        return undefined
      case 0x42: // BINBYTES
      case 0x43: // SHORT_BINBYTES
      case 0x8e: // BINBYTES8
      case 0x96: // BYTEARRAY8
        this.push(BYTES)
        return undefined
      case 0x97: // NEXT_BUFFER
        this.push({ t: 'opaque', what: 'out-of-band buffer' })
        return undefined
      case 0x98: // READONLY_BUFFER
        this.top()
        return undefined
      case 0x5d: // EMPTY_LIST
        this.push(sequence('list', []))
        return undefined
      case 0x29: // EMPTY_TUPLE
        this.push(sequence('tuple', []))
        return undefined
      case 0x8f: // EMPTY_SET
        this.push(sequence('set', []))
        return undefined
      case 0x7d: // EMPTY_DICT
        this.push({ t: 'dict', entries: [], count: 0 })
        return undefined
      case 0x74: // TUPLE
        this.push(sequence('tuple', this.popMark()))
        return undefined
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: { // TUPLE3
        const size = op.code - 0x84
        const items: Value[] = []
        for (let i = 0; i < size; i++) items.unshift(this.pop())
        this.push(sequence('tuple', items))
        return undefined
      }
      case 0x6c: // LIST
        this.push(sequence('list', this.popMark()))
        return undefined
      case 0x91: // FROZENSET
        this.push(sequence('set', this.popMark()))
        return undefined
      case 0x64: { // DICT
        const items = this.popMark()
        if (items.length % 2 !== 0) throw new Malformed('odd number of items for DICT')
        const dict: DictValue = { t: 'dict', entries: [], count: 0 }
        for (let i = 0; i < items.length; i += 2) setItem(dict, items[i] as Value, items[i + 1] as Value)
        this.push(dict)
        return undefined
      }
      case 0x61: { // APPEND
        const value = this.pop()
        const target = this.top()
        if (target.t === 'list' || target.t === 'set' || target.t === 'tuple') extend(target, [value])
        return undefined
      }
      case 0x65: // APPENDS
      case 0x90: { // ADDITEMS
        const items = this.popMark()
        const target = this.top()
        if (target.t === 'list' || target.t === 'set' || target.t === 'tuple') extend(target, items)
        return undefined
      }
      case 0x73: { // SETITEM
        const value = this.pop()
        const key = this.pop()
        const target = this.top()
        if (target.t === 'dict') setItem(target, key, value)
        return undefined
      }
      case 0x75: { // SETITEMS
        const items = this.popMark()
        if (items.length % 2 !== 0) throw new Malformed('odd number of items for SETITEMS')
        const target = this.top()
        if (target.t === 'dict') {
          for (let i = 0; i < items.length; i += 2) setItem(target, items[i] as Value, items[i + 1] as Value)
        }
        return undefined
      }
      case 0x70: // PUT
        this.memoPut(this.lineIndex(op), this.top())
        return undefined
      case 0x71: // BINPUT
      case 0x72: // LONG_BINPUT
        this.memoPut(Number(op.int), this.top())
        return undefined
      case 0x94: // MEMOIZE
        this.memoPut(this.memo.size, this.top())
        return undefined
      case 0x67: // GET
        this.push(this.memoGet(this.lineIndex(op), op.offset))
        return undefined
      case 0x68: // BINGET
      case 0x6a: // LONG_BINGET
        this.push(this.memoGet(Number(op.int), op.offset))
        return undefined
      case 0x63: // GLOBAL
      case 0x69: { // INST
        const imported = this.importGlobal(decodeUtf8(op.line as Uint8Array), decodeUtf8(op.second as Uint8Array), op.offset)
        if (op.code === 0x63) this.push(imported)
        else this.push(this.call(imported, sequence('tuple', this.popMark()), 'INST', op.offset))
        return undefined
      }
      case 0x93: { // STACK_GLOBAL
        const nameValue = this.pop()
        const moduleValue = this.pop()
        if (moduleValue.t !== 'str' || nameValue.t !== 'str' || moduleValue.v === null || nameValue.v === null) {
          const what = moduleValue.t !== 'str' || nameValue.t !== 'str' ? `${moduleValue.t}/${nameValue.t} operands` : 'strings too long to track'
          this.events.finding('critical', `dynamic import: STACK_GLOBAL with ${what}; the imported name cannot be known statically`, op.offset)
          this.push({ t: 'opaque', what: 'dynamic import' })
          return undefined
        }
        this.push(this.importGlobal(moduleValue.v, nameValue.v, op.offset))
        return undefined
      }
      case 0x52: { // REDUCE
        const args = this.pop()
        const callee = this.pop()
        this.push(this.call(callee, args, 'REDUCE', op.offset))
        return undefined
      }
      case 0x81: { // NEWOBJ
        const args = this.pop()
        const cls = this.pop()
        this.push(this.call(cls, args, 'NEWOBJ', op.offset))
        return undefined
      }
      case 0x92: { // NEWOBJ_EX
        this.pop()
        const args = this.pop()
        const cls = this.pop()
        this.push(this.call(cls, args, 'NEWOBJ_EX', op.offset))
        return undefined
      }
      case 0x6f: { // OBJ
        const items = this.popMark()
        const cls = items.shift()
        if (cls === undefined) throw new Malformed('OBJ without a class')
        this.push(this.call(cls, sequence('tuple', items), 'OBJ', op.offset))
        return undefined
      }
      case 0x62: { // BUILD
        const state = this.pop()
        const target = this.top()
        if (target.t === 'global') {
          // BUILD on an imported function or class sets attributes on it for the whole process:
          // later imports of that name then resolve to whatever was planted there.
          this.events.finding('high', `BUILD sets attributes on the imported object ${target.module}.${target.name}`, op.offset, { global: `${target.module}.${target.name}` })
          return undefined
        }
        if (target.t !== 'obj') return undefined
        target.state = state
        if (isJoblibArrayWrapper(target)) return { kind: 'joblib-array', layout: joblibArrayLayout(target) }
        return undefined
      }
      case 0x50: // PERSID
        this.push({ t: 'opaque', what: 'persistent object' })
        return undefined
      case 0x51: // BINPERSID
        this.pop()
        this.push({ t: 'opaque', what: 'persistent object' })
        return undefined
      case 0x82: // EXT1
      case 0x83: // EXT2
      case 0x84: // EXT4
        this.events.finding('high', `import through the copyreg extension registry (code ${String(op.int)}), which a static scan cannot resolve`, op.offset, { field: `ext:${String(op.int)}` })
        this.push({ t: 'opaque', what: 'extension import' })
        return undefined
      default:
        throw new Malformed(`opcode ${op.info.name} has no handler`)
    }
  }
}

/** Splits a resolved "module.name" back, using the written pair's name length when it was not renamed. */
function splitQualified(resolved: string, module: string, name: string): [string, string] {
  if (resolved === `${module}.${name}`) return [module, name]
  const dot = resolved.lastIndexOf('.')
  return [resolved.slice(0, dot), resolved.slice(dot + 1)]
}
