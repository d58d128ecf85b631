import { readUint16LE, readUint32LE, readUint64LE, safeLength } from '../bytes.js'

export const LOCAL_SIG = 0x04034b50
export const CENTRAL_SIG = 0x02014b50
export const EOCD_SIG = 0x06054b50
export const ZIP64_EOCD_SIG = 0x06064b50
export const ZIP64_LOCATOR_SIG = 0x07064b50
export const DESCRIPTOR_SIG = 0x08074b50

export const LOCAL_FIXED = 30
export const CENTRAL_FIXED = 46
export const EOCD_FIXED = 22
export const ZIP64_LOCATOR_SIZE = 20
export const ZIP64_EOCD_FIXED = 56

const MAX32 = 0xffffffff

export interface MemberHeader {
  flags: number
  method: number
  crc: number
  compressedSize: number
  uncompressedSize: number
  nameBytes: Uint8Array
  name: string
  /** Sizes came from a zip64 extra field. */
  zip64: boolean
  /** Central directory only. */
  localOffset?: number
}

const utf8 = new TextDecoder('utf-8')
const cp437Fallback = new TextDecoder('latin1')

export function decodeName(bytes: Uint8Array, flags: number): string {
  // Bit 11 marks UTF-8; without it the name is CP437, whose printable ASCII range is what matters
  // for path checks. Either way a name with bytes that do not decode keeps visible replacement marks.
  return (flags & 0x800) !== 0 ? utf8.decode(bytes) : cp437Fallback.decode(bytes)
}

/** Reads the zip64 extended-information field for whichever values were 0xFFFFFFFF, in spec order. */
function zip64Values(extra: Uint8Array, wanted: number): bigint[] | null {
  let at = 0
  while (at + 4 <= extra.length) {
    const id = readUint16LE(extra, at)
    const size = readUint16LE(extra, at + 2)
    if (at + 4 + size > extra.length) return null
    if (id === 0x0001) {
      if (size < wanted * 8) return null
      const values: bigint[] = []
      for (let i = 0; i < wanted; i++) values.push(readUint64LE(extra, at + 4 + i * 8))
      return values
    }
    at += 4 + size
  }
  return wanted === 0 ? [] : null
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** The fixed part of a local header tells how long the variable part is. */
export function localVariableLength(fixed: Uint8Array): number {
  return readUint16LE(fixed, 26) + readUint16LE(fixed, 28)
}

export function parseLocalHeader(header: Uint8Array): Parsed<MemberHeader> {
  const flags = readUint16LE(header, 6)
  const method = readUint16LE(header, 8)
  const crc = readUint32LE(header, 14)
  let compressed = readUint32LE(header, 18)
  let uncompressed = readUint32LE(header, 22)
  const nameLength = readUint16LE(header, 26)
  const extraLength = readUint16LE(header, 28)
  const nameBytes = header.subarray(LOCAL_FIXED, LOCAL_FIXED + nameLength)
  const extra = header.subarray(LOCAL_FIXED + nameLength, LOCAL_FIXED + nameLength + extraLength)
  const wanted = (uncompressed === MAX32 ? 1 : 0) + (compressed === MAX32 ? 1 : 0)
  let zip64 = false
  if (wanted > 0) {
    const values = zip64Values(extra, wanted)
    if (!values) return { ok: false, reason: 'zip64 sizes announced but the zip64 extra field is missing or short' }
    let i = 0
    if (uncompressed === MAX32) uncompressed = safeLength(values[i++] as bigint)
    if (compressed === MAX32) compressed = safeLength(values[i++] as bigint)
    zip64 = true
  }
  return {
    ok: true,
    value: { flags, method, crc, compressedSize: compressed, uncompressedSize: uncompressed, nameBytes, name: decodeName(nameBytes, flags), zip64 },
  }
}

/** Parses one central directory record at `at`; returns it and the offset of the next. */
export function parseCentralRecord(cd: Uint8Array, at: number): Parsed<{ header: MemberHeader; next: number }> {
  if (at + CENTRAL_FIXED > cd.length) return { ok: false, reason: 'central directory record runs past its end' }
  if (readUint32LE(cd, at) !== CENTRAL_SIG) return { ok: false, reason: 'bad central directory record signature' }
  const flags = readUint16LE(cd, at + 8)
  const method = readUint16LE(cd, at + 10)
  const crc = readUint32LE(cd, at + 16)
  let compressed = readUint32LE(cd, at + 20)
  let uncompressed = readUint32LE(cd, at + 24)
  const nameLength = readUint16LE(cd, at + 28)
  const extraLength = readUint16LE(cd, at + 30)
  const commentLength = readUint16LE(cd, at + 32)
  const disk = readUint16LE(cd, at + 34)
  let localOffset = readUint32LE(cd, at + 42)
  const next = at + CENTRAL_FIXED + nameLength + extraLength + commentLength
  if (next > cd.length) return { ok: false, reason: 'central directory record runs past its end' }
  const nameBytes = cd.subarray(at + CENTRAL_FIXED, at + CENTRAL_FIXED + nameLength)
  const extra = cd.subarray(at + CENTRAL_FIXED + nameLength, at + CENTRAL_FIXED + nameLength + extraLength)
  const wanted = (uncompressed === MAX32 ? 1 : 0) + (compressed === MAX32 ? 1 : 0) + (localOffset === MAX32 ? 1 : 0)
  let zip64 = false
  if (wanted > 0) {
    const values = zip64Values(extra, wanted)
    if (!values) return { ok: false, reason: 'zip64 values announced but the zip64 extra field is missing or short' }
    let i = 0
    if (uncompressed === MAX32) uncompressed = safeLength(values[i++] as bigint)
    if (compressed === MAX32) compressed = safeLength(values[i++] as bigint)
    if (localOffset === MAX32) localOffset = safeLength(values[i++] as bigint)
    zip64 = true
  }
  if (disk !== 0 && disk !== 0xffff) return { ok: false, reason: 'multi-disk archives are not supported' }
  return {
    ok: true,
    value: {
      header: { flags, method, crc, compressedSize: compressed, uncompressedSize: uncompressed, nameBytes, name: decodeName(nameBytes, flags), zip64, localOffset },
      next,
    },
  }
}

export interface EndRecord {
  /** Position of the EOCD record within the buffer. */
  eocdAt: number
  entries: number
  cdSize: number
  cdOffset: number
  /** Position within the buffer of the record the CD size and offset came from (zip64 EOCD or EOCD). */
  recordAt: number
  /** Bytes after the EOCD comment. */
  trailing: number
  /** The archive comment. */
  comment: Uint8Array
  /** Positions of every other EOCD signature a reader scanning backwards could take for the end record. */
  otherEnds: number[]
}

/**
 * Finds the end-of-central-directory record in the buffered tail, following the zip64 locator
 * when the classic fields are saturated. `tailStart` is the absolute offset of tail[0].
 */
export function parseEnd(tail: Uint8Array, tailStart: number): Parsed<EndRecord> {
  const lowest = Math.max(0, tail.length - EOCD_FIXED - 0xffff)
  for (let at = tail.length - EOCD_FIXED; at >= lowest; at--) {
    if (readUint32LE(tail, at) !== EOCD_SIG) continue
    const commentLength = readUint16LE(tail, at + 20)
    if (at + EOCD_FIXED + commentLength > tail.length) continue
    const diskNumber = readUint16LE(tail, at + 4)
    const cdDisk = readUint16LE(tail, at + 6)
    let entries = readUint16LE(tail, at + 10)
    let cdSize = readUint32LE(tail, at + 12)
    let cdOffset = readUint32LE(tail, at + 16)
    let recordAt = at
    const saturated = entries === 0xffff || cdSize === MAX32 || cdOffset === MAX32 || diskNumber === 0xffff
    const locator = at - ZIP64_LOCATOR_SIZE
    const hasLocator = locator >= 0 && readUint32LE(tail, locator) === ZIP64_LOCATOR_SIG
    if (saturated || hasLocator) {
      // torch.save writes the zip64 records even for small archives; when present they are what
      // zip64-aware readers use, so they must agree with the classic record.
      if (!hasLocator) return { ok: false, reason: 'zip64 end record announced but its locator is missing' }
      const recordOffset = safeLength(readUint64LE(tail, locator + 8))
      const local = recordOffset - tailStart
      if (!Number.isSafeInteger(local) || local < 0 || local + ZIP64_EOCD_FIXED > locator || readUint32LE(tail, local) !== ZIP64_EOCD_SIG) {
        return { ok: false, reason: 'zip64 locator points outside the central directory area' }
      }
      const entries64 = safeLength(readUint64LE(tail, local + 32))
      const cdSize64 = safeLength(readUint64LE(tail, local + 40))
      const cdOffset64 = safeLength(readUint64LE(tail, local + 48))
      if ((entries !== 0xffff && entries !== entries64) || (cdSize !== MAX32 && cdSize !== cdSize64) || (cdOffset !== MAX32 && cdOffset !== cdOffset64)) {
        return { ok: false, reason: 'zip confusion: the zip64 end record and the end record describe different central directories' }
      }
      if (local + ZIP64_EOCD_FIXED !== locator) return { ok: false, reason: 'zip confusion: bytes between the zip64 end record and its locator' }
      entries = entries64
      cdSize = cdSize64
      cdOffset = cdOffset64
      recordAt = local
    } else if (diskNumber !== 0 || cdDisk !== 0) {
      return { ok: false, reason: 'multi-disk archives are not supported' }
    }
    const otherEnds: number[] = []
    for (let other = tail.length - EOCD_FIXED; other >= lowest; other--) {
      if (other === at || readUint32LE(tail, other) !== EOCD_SIG) continue
      if (other + EOCD_FIXED + readUint16LE(tail, other + 20) <= tail.length) otherEnds.push(other)
    }
    const comment = tail.subarray(at + EOCD_FIXED, at + EOCD_FIXED + commentLength)
    return { ok: true, value: { eocdAt: at, entries, cdSize, cdOffset, recordAt, trailing: tail.length - (at + EOCD_FIXED + commentLength), comment, otherEnds } }
  }
  return { ok: false, reason: 'no end-of-central-directory record: the archive is truncated or not a zip' }
}
