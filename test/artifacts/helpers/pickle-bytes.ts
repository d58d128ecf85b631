/** Small builders for hand-written pickle streams. */
const encoder = new TextEncoder()

export function bytes(...parts: (string | number[] | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((part) =>
    typeof part === 'string' ? Uint8Array.from(part, (c) => c.charCodeAt(0)) : part instanceof Uint8Array ? part : Uint8Array.from(part),
  )
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

export function shortUnicode(text: string): Uint8Array {
  const data = encoder.encode(text)
  return bytes([0x8c, data.length], data)
}

export function binUnicode(text: string): Uint8Array {
  const data = encoder.encode(text)
  return bytes('X', u32(data.length), data)
}

export function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff]
}

export function u64(value: number): number[] {
  return [...u32(value % 2 ** 32), ...u32(Math.floor(value / 2 ** 32))]
}

export const PROTO4 = [0x80, 0x04]
export const STACK_GLOBAL = [0x93]
export const MEMOIZE = [0x94]
export const TUPLE1 = [0x85]
