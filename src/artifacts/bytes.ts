export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length)
  out.set(a, 0)
  out.set(b, a.length)
  return out
}

export function readUint16LE(bytes: Uint8Array, at: number): number {
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8)
}

export function readUint32LE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16)) + (bytes[at + 3] as number) * 0x1000000
}

export function readInt32LE(bytes: Uint8Array, at: number): number {
  return readUint32LE(bytes, at) | 0
}

/** Exact as a bigint: 64-bit lengths in hostile input routinely exceed 2^53. */
export function readUint64LE(bytes: Uint8Array, at: number): bigint {
  return BigInt(readUint32LE(bytes, at)) | (BigInt(readUint32LE(bytes, at + 4)) << 32n)
}

/** A 64-bit length as a number, or Infinity when it cannot be represented exactly. */
export function safeLength(value: bigint): number {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.POSITIVE_INFINITY
}

/**
 * A copy that owns its memory. `chunk.slice()` is not one when the chunk is a Node Buffer (Buffer's
 * slice is a view), and callers may reuse their buffers once a write returns.
 */
export function copyBytes(bytes: Uint8Array, start = 0, end = bytes.length): Uint8Array {
  const out = new Uint8Array(Math.max(0, Math.min(end, bytes.length) - start))
  out.set(bytes.subarray(start, start + out.length))
  return out
}
