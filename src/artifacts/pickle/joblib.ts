import { elementCount, parseTypestr, type DtypeInfo } from '../numpy/dtype.js'
import { classOf, dictGet, type ObjValue, type Value } from './values.js'

/**
 * joblib writes each numpy array's bytes straight into the pickle stream, right after the BUILD
 * that sets up its NumpyArrayWrapper (joblib/numpy_pickle.py, NumpyArrayWrapper.write_array), and
 * object arrays as a nested protocol-2 pickle there instead. The scanner has to step over the raw
 * bytes to find the next opcode, and scan the nested pickle like any other.
 */
export type JoblibArrayLayout =
  | { kind: 'raw'; bytes: number; padded: boolean }
  | { kind: 'pickle' }
  | { kind: 'unknown'; reason: string }

const WRAPPER_MODULES = new Set(['joblib.numpy_pickle', 'sklearn.externals.joblib.numpy_pickle'])

export function isJoblibArrayWrapper(obj: ObjValue): boolean {
  const cls = classOf(obj)
  return cls.t === 'global' && cls.name === 'NumpyArrayWrapper' && WRAPPER_MODULES.has(cls.module)
}

function numberOf(value: Value | undefined): number | null {
  if (!value || value.t !== 'int' || typeof value.v !== 'number') return null
  return value.v
}

function tupleItems(value: Value | undefined): Value[] | null {
  if (!value || (value.t !== 'tuple' && value.t !== 'list')) return null
  return value.items.length === value.count ? value.items : null
}

/** A numpy dtype as pickled: numpy.dtype(typestr, False, True) then BUILD with its state tuple. */
export function pickledDtype(value: Value | undefined, depth = 0): DtypeInfo | null {
  if (!value || value.t !== 'obj' || depth > 8) return null
  const callee = value.callee
  if (callee.t !== 'global' || callee.name !== 'dtype' || !callee.module.startsWith('numpy')) return null
  const args = tupleItems(value.args ?? undefined)
  const typestr = args?.[0]
  if (!typestr || typestr.t !== 'str' || typestr.v === null) return null
  const base = parseTypestr(typestr.v)
  const state = tupleItems(value.state ?? undefined)
  let itemsize = base?.itemsize ?? null
  let hasObject = base?.hasObject ?? false
  if (state) {
    const elsize = numberOf(state[5])
    if (elsize !== null && elsize > 0) itemsize = elsize
    const flags = numberOf(state[7])
    // NPY_ITEM_REFCOUNT: numpy's own "holds Python objects" bit.
    if (flags !== null && (flags & 1) !== 0) hasObject = true
    const fields = state[4]
    if (fields && fields.t === 'dict') {
      if (fields.entries.length !== fields.count) return null
      for (const [, field] of fields.entries) {
        const sub = pickledDtype(tupleItems(field)?.[0], depth + 1)
        if (!sub) return null
        hasObject ||= sub.hasObject
      }
    } else if (fields && fields.t !== 'none') {
      return null
    }
  }
  if (itemsize === null) return hasObject ? { itemsize: 8, hasObject } : null
  return { itemsize, hasObject }
}

export function joblibArrayLayout(wrapper: ObjValue): JoblibArrayLayout {
  const state = wrapper.state
  if (!state || state.t !== 'dict') return { kind: 'unknown', reason: 'array wrapper has no readable state' }
  const dtype = pickledDtype(dictGet(state, 'dtype'))
  if (!dtype) return { kind: 'unknown', reason: 'array dtype is not one this scan can size' }
  if (dtype.hasObject) return { kind: 'pickle' }
  const shapeItems = tupleItems(dictGet(state, 'shape'))
  if (!shapeItems) return { kind: 'unknown', reason: 'array shape is not readable' }
  const dims: number[] = []
  for (const item of shapeItems) {
    const dim = numberOf(item)
    if (dim === null) return { kind: 'unknown', reason: 'array shape is not made of integers' }
    dims.push(dim)
  }
  const count = elementCount(dims)
  if (count === null) return { kind: 'unknown', reason: 'array shape overflows' }
  const bytes = count * dtype.itemsize
  if (!Number.isSafeInteger(bytes)) return { kind: 'unknown', reason: 'array size overflows' }
  const alignment = dictGet(state, 'numpy_array_alignment_bytes')
  // joblib <= 1.1 wrote no alignment key and no padding byte; newer writes the key, None when the
  // file was not seekable (no padding byte either).
  const padded = alignment !== undefined && alignment.t !== 'none'
  return { kind: 'raw', bytes, padded }
}
