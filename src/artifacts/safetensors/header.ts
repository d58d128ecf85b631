/** Bits per element; sub-byte float formats pack several elements per byte. */
export const DTYPE_BITS: Readonly<Record<string, number>> = {
  BOOL: 8,
  U8: 8,
  I8: 8,
  F8_E4M3: 8,
  F8_E5M2: 8,
  F8_E8M0: 8,
  I16: 16,
  U16: 16,
  F16: 16,
  BF16: 16,
  I32: 32,
  U32: 32,
  F32: 32,
  C64: 64,
  F64: 64,
  I64: 64,
  U64: 64,
  F4: 4,
  F6_E2M3: 6,
  F6_E3M2: 6,
}

export interface HeaderProblem {
  severity: 'critical' | 'high' | 'medium'
  field?: string
  reason: string
}

export interface HeaderCheck {
  problems: HeaderProblem[]
  /** Bytes the tensors cover, when the offsets could be read. */
  dataBytes: bigint | null
}

function isOffset(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

/**
 * Checks a parsed safetensors header the way the reference loader does (safetensors/src/
 * tensor.rs, Metadata::validate): known dtypes, offsets that tile the data section from 0 with
 * no holes or overlaps, and each tensor's byte length equal to its dtype size times its shape.
 */
export function checkHeader(header: unknown): HeaderCheck {
  const problems: HeaderProblem[] = []
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    return { problems: [{ severity: 'critical', reason: 'header is not a JSON object' }], dataBytes: null }
  }
  const spans: { name: string; begin: number; end: number }[] = []
  for (const [name, info] of Object.entries(header as Record<string, unknown>)) {
    if (name === '__metadata__') {
      const ok =
        typeof info === 'object' && info !== null && !Array.isArray(info) && Object.values(info).every((v) => typeof v === 'string')
      if (!ok) problems.push({ severity: 'high', field: name, reason: '__metadata__ must map strings to strings' })
      continue
    }
    if (typeof info !== 'object' || info === null || Array.isArray(info)) {
      problems.push({ severity: 'high', field: name, reason: 'tensor entry is not an object' })
      continue
    }
    const { dtype, shape, data_offsets: offsets } = info as Record<string, unknown>
    const bits = typeof dtype === 'string' ? DTYPE_BITS[dtype] : undefined
    if (bits === undefined) {
      problems.push({ severity: 'high', field: name, reason: `unknown dtype ${JSON.stringify(dtype)}` })
    }
    if (!Array.isArray(shape) || !shape.every(isOffset)) {
      problems.push({ severity: 'high', field: name, reason: 'shape must be a list of non-negative integers' })
      continue
    }
    if (!Array.isArray(offsets) || offsets.length !== 2 || !isOffset(offsets[0]) || !isOffset(offsets[1]) || offsets[0] > offsets[1]) {
      problems.push({ severity: 'high', field: name, reason: 'data_offsets must be [begin, end] with 0 <= begin <= end' })
      continue
    }
    const [begin, end] = offsets as [number, number]
    spans.push({ name, begin, end })
    if (bits !== undefined) {
      const elements = shape.reduce((product: bigint, dim: number) => product * BigInt(dim), 1n)
      const totalBits = elements * BigInt(bits)
      const expected = totalBits / 8n
      if (totalBits % 8n !== 0n || expected !== BigInt(end - begin)) {
        problems.push({ severity: 'high', field: name, reason: `holds ${end - begin} bytes but ${String(dtype)} ${JSON.stringify(shape)} needs ${totalBits % 8n === 0n ? String(expected) : `${String(totalBits)} bits`}` })
      }
    }
  }
  spans.sort((a, b) => a.begin - b.begin || a.end - b.end)
  let cursor = 0
  for (const span of spans) {
    if (span.begin > cursor) {
      problems.push({ severity: 'high', field: span.name, reason: `hole in the data section: bytes ${cursor}..${span.begin} belong to no tensor` })
    } else if (span.begin < cursor) {
      problems.push({ severity: 'high', field: span.name, reason: `overlaps the previous tensor (starts at ${span.begin}, before ${cursor})` })
    }
    cursor = Math.max(cursor, span.end)
  }
  return { problems, dataBytes: BigInt(cursor) }
}
