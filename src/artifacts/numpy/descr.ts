import { elementCount, parseTypestr, type DtypeInfo } from './dtype.js'
import { isTuple, type PyLiteral } from './literal.js'

/**
 * An .npy `descr`: a type string, or for structured arrays a list of (name, descr[, shape])
 * fields, possibly nested. Null when the description is not understood.
 */
export function parseDescr(descr: PyLiteral | undefined, depth = 0): DtypeInfo | null {
  if (typeof descr === 'string') return parseTypestr(descr)
  if (!Array.isArray(descr) || depth > 16) return null
  let itemsize = 0
  let hasObject = false
  for (const field of descr) {
    if (!isTuple(field)) return null
    const [, sub, shape] = field.tuple
    const info = parseDescr(sub, depth + 1)
    if (!info) return null
    let count = 1
    if (shape !== undefined) {
      if (!isTuple(shape) || !shape.tuple.every((d) => typeof d === 'number')) return null
      const c = elementCount(shape.tuple as number[])
      if (c === null) return null
      count = c
    }
    itemsize += info.itemsize * count
    hasObject ||= info.hasObject
  }
  return Number.isSafeInteger(itemsize) ? { itemsize, hasObject } : null
}
