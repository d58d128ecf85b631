import { crc32 } from 'node:zlib'
import { deflateSync } from 'fflate'

export interface ZipMember {
  name: string
  data: Uint8Array
  method?: 0 | 8
  /** Write sizes and CRC only in a trailing data descriptor, as streaming writers do. */
  descriptor?: boolean
  /** Name to put in the central directory instead (zip confusion). */
  centralName?: string
  /** Declared uncompressed size to put in both headers instead of the real one. */
  declaredSize?: number
  flags?: number
  /** CRC to declare instead of the real one. */
  crc?: number
  /** Central directory's local-header offset, shifted by this much. */
  centralOffsetShift?: number
  /** Raw compression method number to declare (the data is stored as given). */
  declaredMethod?: number
}

function u16(value: number): Uint8Array {
  const out = new Uint8Array(2)
  new DataView(out.buffer).setUint16(0, value, true)
  return out
}

function u32(value: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value >>> 0, true)
  return out
}

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.length
  }
  return out
}

const encoder = new TextEncoder()

/** A zip built field by field, so tests can produce the malformed archives real writers never do. */
export function buildZip(members: ZipMember[], options: { trailing?: Uint8Array; skipCentral?: number[] } = {}): Uint8Array {
  const locals: Uint8Array[] = []
  const centrals: Uint8Array[] = []
  let offset = 0
  members.forEach((member, index) => {
    const method = member.method ?? 0
    const body = method === 8 ? deflateSync(member.data) : member.data
    const crc = member.crc ?? crc32(member.data)
    const size = member.declaredSize ?? member.data.length
    const flags = (member.flags ?? 0) | (member.descriptor ? 0x8 : 0) | 0x800
    const name = encoder.encode(member.name)
    const local = join([
      u32(0x04034b50), u16(20), u16(flags), u16(member.declaredMethod ?? method), u16(0), u16(0x21),
      u32(member.descriptor ? 0 : crc), u32(member.descriptor ? 0 : body.length), u32(member.descriptor ? 0 : size),
      u16(name.length), u16(0), name, body,
      member.descriptor ? join([u32(0x08074b50), u32(crc), u32(body.length), u32(size)]) : new Uint8Array(0),
    ])
    const centralName = encoder.encode(member.centralName ?? member.name)
    if (!options.skipCentral?.includes(index)) {
      centrals.push(join([
        u32(0x02014b50), u16(20), u16(20), u16(flags), u16(member.declaredMethod ?? method), u16(0), u16(0x21),
        u32(crc), u32(body.length), u32(size), u16(centralName.length), u16(0), u16(0), u16(0), u16(0), u32(0),
        u32(offset + (member.centralOffsetShift ?? 0)), centralName,
      ]))
    }
    locals.push(local)
    offset += local.length
  })
  const cd = join(centrals)
  const end = join([u32(0x06054b50), u16(0), u16(0), u16(centrals.length), u16(centrals.length), u32(cd.length), u32(offset), u16(0)])
  return join([...locals, cd, end, options.trailing ?? new Uint8Array(0)])
}

/** A stored-member torch-style archive streamed in chunks, with `tensorBytes` of tensor data. */
export async function* torchArchiveStream(dataPkl: Uint8Array, tensorBytes: number, chunk = 1 << 20): AsyncGenerator<Uint8Array> {
  const pattern = new Uint8Array(chunk)
  for (let i = 0; i < pattern.length; i++) pattern[i] = (i * 131) & 0xff
  let crc = 0
  for (let left = tensorBytes; left > 0; left -= chunk) crc = crc32(pattern.subarray(0, Math.min(chunk, left)), crc)
  const members: { name: string; size: number; crc: number; body: (() => AsyncGenerator<Uint8Array>) }[] = [
    { name: 'archive/data.pkl', size: dataPkl.length, crc: crc32(dataPkl), body: async function* () { yield dataPkl } },
    {
      name: 'archive/data/0', size: tensorBytes, crc,
      body: async function* () {
        for (let left = tensorBytes; left > 0; left -= chunk) yield pattern.subarray(0, Math.min(chunk, left))
      },
    },
  ]
  const centrals: Uint8Array[] = []
  let offset = 0
  for (const member of members) {
    const name = encoder.encode(member.name)
    const header = join([
      u32(0x04034b50), u16(20), u16(0x800), u16(0), u16(0), u16(0x21), u32(member.crc), u32(member.size), u32(member.size),
      u16(name.length), u16(0), name,
    ])
    centrals.push(join([
      u32(0x02014b50), u16(20), u16(20), u16(0x800), u16(0), u16(0), u16(0x21), u32(member.crc), u32(member.size), u32(member.size),
      u16(name.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), name,
    ]))
    yield header
    yield* member.body()
    offset += header.length + member.size
  }
  const cd = join(centrals)
  yield cd
  yield join([u32(0x06054b50), u16(0), u16(0), u16(centrals.length), u16(centrals.length), u32(cd.length), u32(offset), u16(0)])
}
