function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

export function decodeUtf8(bytes: Uint8Array): string {
  return view(bytes).toString('utf8')
}

/** Byte-for-byte, as Python 3 reads protocol 0–2 byte strings with encoding="latin1". */
export function decodeLatin1(bytes: Uint8Array): string {
  return view(bytes).toString('latin1')
}

/** Unsigned decimal digits only, short enough to be exact; the common case for memo indexes. */
export function parseSmallDecimal(bytes: Uint8Array): number | null {
  if (bytes.length === 0 || bytes.length > 15) return null
  let value = 0
  for (let i = 0; i < bytes.length; i++) {
    const digit = (bytes[i] as number) - 48
    if (digit < 0 || digit > 9) return null
    value = value * 10 + digit
  }
  return value
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '',
}

/**
 * The STRING opcode's argument is a Python 2 repr: quoted, with backslash escapes. Returns null
 * when it is not properly quoted, which CPython rejects ("the STRING opcode argument must be
 * quoted").
 */
export function decodeStringRepr(line: Uint8Array): string | null {
  const text = decodeLatin1(line)
  if (text.length < 2) return null
  const quote = text[0]
  if ((quote !== "'" && quote !== '"') || text[text.length - 1] !== quote) return null
  const body = text.slice(1, -1)
  let out = ''
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (ch !== '\\') {
      out += ch
      continue
    }
    const next = body[i + 1]
    if (next === undefined) return null
    const simple = SIMPLE_ESCAPES[next]
    if (simple !== undefined) {
      out += simple
      i += 1
    } else if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(body.slice(i + 2, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 4), 16))
      i += 3
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? next
      out += String.fromCharCode(parseInt(octal, 8) & 0xff)
      i += octal.length
    } else {
      out += '\\'
    }
  }
  return out
}

/** The UNICODE opcode's argument: raw-unicode-escape, where only \uXXXX and \UXXXXXXXX are escapes. */
export function decodeRawUnicodeEscape(line: Uint8Array): string {
  const text = decodeLatin1(line)
  return text.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (whole, short?: string, long?: string) => {
    const code = parseInt((short ?? long) as string, 16)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

/** Python's int() of a protocol 0 INT/LONG line; null when CPython would reject it. */
export function parseIntLine(text: string): bigint | null {
  const trimmed = text.trim().replace(/L$/, '').replace(/_/g, '')
  if (!/^[+-]?(\d+|0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+)$/.test(trimmed)) return null
  const negative = trimmed.startsWith('-')
  const digits = trimmed.replace(/^[+-]/, '')
  try {
    const value = BigInt(digits.replace(/^0[oO]/, '0o').replace(/^0[bB]/, '0b').replace(/^0[xX]/, '0x'))
    return negative ? -value : value
  } catch {
    return null
  }
}

/** LONG1/LONG4 payloads: little-endian two's complement. */
export function decodeLong(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n
  let value = 0n
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i] as number)
  if (((bytes[bytes.length - 1] as number) & 0x80) !== 0) value -= 1n << BigInt(bytes.length * 8)
  return value
}
