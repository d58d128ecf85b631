/**
 * What the symbolic unpickler knows about a stack or memo value. Nothing is ever constructed or
 * called: a call is recorded as an "obj" naming its callee, and containers keep only their first
 * few items (enough for the small structures a scan inspects), so memory stays bounded whatever
 * the pickle holds.
 */
export type Value =
  /** v is null when the string was too long to keep. */
  | { readonly t: 'str'; readonly v: string | null }
  /** v is null for integers too wide to keep. */
  | { readonly t: 'int'; readonly v: number | bigint | null }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'none' }
  | { readonly t: 'float' }
  | { readonly t: 'bytes' }
  | { readonly t: 'global'; readonly module: string; readonly name: string }
  | Sequence
  | DictValue
  | ObjValue
  | { readonly t: 'opaque'; readonly what: string }

export interface Sequence {
  readonly t: 'tuple' | 'list' | 'set'
  readonly items: Value[]
  count: number
}

export interface DictValue {
  readonly t: 'dict'
  readonly entries: [Value, Value][]
  count: number
}

export interface ObjValue {
  readonly t: 'obj'
  readonly callee: Value
  readonly args: Value | null
  state: Value | null
}

/** Items kept per container: joblib array state dicts and torch storage tuples fit well inside. */
export const KEPT_ITEMS = 16

export const NONE: Value = Object.freeze({ t: 'none' })
export const TRUE: Value = Object.freeze({ t: 'bool', v: true })
export const FALSE: Value = Object.freeze({ t: 'bool', v: false })
export const FLOAT: Value = Object.freeze({ t: 'float' })
export const BYTES: Value = Object.freeze({ t: 'bytes' })
export const LONG_STRING: Value = Object.freeze({ t: 'str', v: null })
export const WIDE_INT: Value = Object.freeze({ t: 'int', v: null })

export function sequence(t: Sequence['t'], items: readonly Value[]): Sequence {
  return { t, items: items.slice(0, KEPT_ITEMS), count: items.length }
}

export function extend(target: Sequence, items: readonly Value[]): void {
  for (const item of items) {
    if (target.items.length < KEPT_ITEMS) target.items.push(item)
  }
  target.count += items.length
}

export function setItem(target: DictValue, key: Value, value: Value): void {
  if (target.entries.length < KEPT_ITEMS) target.entries.push([key, value])
  target.count += 1
}

const SMALL_INTS: readonly Value[] = Array.from({ length: 1025 }, (_, i) => Object.freeze({ t: 'int', v: i - 1 }) as Value)

/** Marks memo slots holding a list, dict or set: only strings, imports, objects and tuples are ever read back. */
export const MEMO_CONTAINER: Value = Object.freeze({ t: 'opaque', what: 'memoized container' })

export function intValue(value: number | bigint): Value {
  if (typeof value === 'number' && value >= -1 && value < 1024 && Number.isInteger(value)) return SMALL_INTS[value + 1] as Value
  if (typeof value === 'bigint' && value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
    return { t: 'int', v: Number(value) }
  }
  return { t: 'int', v: value }
}

export function dictGet(dict: Value | null, key: string): Value | undefined {
  if (!dict || dict.t !== 'dict') return undefined
  // Later keys win, as in a real dict.
  for (let i = dict.entries.length - 1; i >= 0; i--) {
    const entry = dict.entries[i]
    if (entry && entry[0].t === 'str' && entry[0].v === key) return entry[1]
  }
  return undefined
}

/** The class an object was made from, seeing through copyreg's helpers (protocols 0–1 and NEWOBJ). */
export function classOf(obj: ObjValue): Value {
  const callee = obj.callee
  if (
    callee.t === 'global' &&
    (callee.module === 'copyreg' || callee.module === 'copy_reg') &&
    (callee.name === '_reconstructor' || callee.name === '__newobj__' || callee.name === '__newobj_ex__')
  ) {
    const args = obj.args
    if (args && args.t === 'tuple' && args.items[0]) return args.items[0]
  }
  return callee
}
