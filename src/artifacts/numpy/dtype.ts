export interface DtypeInfo {
  itemsize: number
  /** Object fields mean the data is a pickle, not raw numbers. */
  hasObject: boolean
}

const FIXED_KINDS = new Set(['b', 'i', 'u', 'f', 'c', 'S', 'a', 'V', 'M', 'm'])

/**
 * Reads a numpy array-protocol type string ("<f8", "|O", "<U5", "<M8[ns]"). Returns null for
 * anything it does not fully understand, so callers fail closed instead of guessing a size.
 */
export function parseTypestr(typestr: string): DtypeInfo | null {
  const match = /^([<>|=]?)([A-Za-z?])(\d*)(\[[A-Za-z0-9]+\])?$/.exec(typestr)
  if (!match) return null
  const kind = match[2] ?? ''
  const digits = match[3] ?? ''
  if (kind === 'O') {
    if (digits !== '' && digits !== '8' && digits !== '4') return null
    return { itemsize: 8, hasObject: true }
  }
  if (kind === '?') return digits === '' || digits === '1' ? { itemsize: 1, hasObject: false } : null
  if (kind === 'U') {
    if (digits === '') return null
    return { itemsize: Number(digits) * 4, hasObject: false }
  }
  if (!FIXED_KINDS.has(kind) || digits === '') return null
  if (match[4] && kind !== 'M' && kind !== 'm') return null
  const itemsize = Number(digits)
  if (!Number.isSafeInteger(itemsize)) return null
  return { itemsize, hasObject: false }
}

/** Product of dimensions, or null if it is not an exact integer (hostile shapes overflow). */
export function elementCount(shape: readonly number[]): number | null {
  let count = 1n
  for (const dim of shape) {
    if (!Number.isSafeInteger(dim) || dim < 0) return null
    count *= BigInt(dim)
  }
  return count <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(count) : null
}
