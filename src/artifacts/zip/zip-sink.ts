import { crc32 } from 'node:zlib'
import { copyBytes, readUint32LE } from '../bytes.js'
import { memberPath, type ScanContext } from '../context.js'
import type { Severity } from '../finding.js'
import type { ByteSink } from '../sink.js'
import { InflateStream } from './inflate.js'
import { memberNameProblems } from './names.js'
import {
  CENTRAL_SIG,
  DESCRIPTOR_SIG,
  EOCD_SIG,
  LOCAL_FIXED,
  LOCAL_SIG,
  ZIP64_EOCD_SIG,
  localVariableLength,
  parseCentralRecord,
  parseEnd,
  parseLocalHeader,
  type MemberHeader,
} from './records.js'

/**
 * Single forward pass over a zip, verified against the central directory at the end.
 *
 * Why not yauzl or another central-directory reader: those need random access, which for an
 * upload means spooling the whole file to disk and reading it back (and extracting every nested
 * archive to its own temp file). A forward pass reads each byte once, in the same pass that hashes
 * the upload, scanning members as they stream past, with memory bounded by one member's headers
 * and the central directory.
 *
 * Why that is sound although loaders (zipfile, torch's miniz) trust the central directory and not
 * the local headers: at the end every central record must match a local header seen at exactly its
 * offset, with the same name, method, sizes and CRC, the directory must sit where both the EOCD
 * offset and the EOCD position say, and there must be no gap between members. Then the bytes any
 * loader reads for a member are the bytes this scan saw. Anything else (overlapping members, a
 * member hidden inside another's data, a second directory) is reported as zip confusion.
 *
 * What a forward pass cannot do: find the end of a member whose sizes exist only in a trailing
 * data descriptor. Such members are reported and the rest of the archive is treated as unverified.
 */

export interface MemberOpener {
  /** A sink for a member's uncompressed bytes, or null to skip the member without decoding it. */
  (header: MemberHeader, file: string): ByteSink | null
}

interface SeenMember {
  header: MemberHeader
  offset: number
  /** From the data descriptor when the local header deferred them. */
  crc: number
  compressedSize: number
  uncompressedSize: number
}

type State = 'signature' | 'local-fixed' | 'local-variable' | 'data' | 'data-search' | 'descriptor-head' | 'descriptor-rest' | 'tail' | 'dead'

const DESCRIPTOR_SIGNATURE = Buffer.from([0x50, 0x4b, 0x07, 0x08])
/** Signature, CRC, and 4- or 8-byte sizes: the bytes a descriptor may still need beyond a chunk. */
const DESCRIPTOR_HOLD = 23

const ENCRYPTED = 0x1
const HAS_DESCRIPTOR = 0x8

export class ZipSink implements ByteSink {
  private state: State = 'signature'
  private position = 0
  private collect = new Uint8Array(64)
  private collected = 0
  private need = 4
  private memberOffset = 0
  private fixed: Uint8Array | null = null
  private member: SeenMember | null = null
  private remaining = 0
  private target: ByteSink | null = null
  private inflate: InflateStream | null = null
  private produced = 0
  private crcValue = 0
  private crcComplete = true
  private memberStopped = false
  private readonly members = new Map<number, SeenMember>()
  private readonly names = new Set<string>()
  private tailChunks: Uint8Array[] = []
  private tailSize = 0
  private tailStart = -1
  private tailOverflow = false
  readonly memberNames: string[] = []

  constructor(
    private readonly ctx: ScanContext,
    private readonly file: string,
    private readonly open: MemberOpener,
  ) {}

  get done(): boolean {
    return false
  }

  private report(severity: Severity, reason: string, offset?: number, field?: string): void {
    this.ctx.report({ scanner: 'zip', severity, file: this.file, ...(offset === undefined ? {} : { offset }), ...(field === undefined ? {} : { field }), reason })
  }

  private fail(severity: Severity, reason: string, offset = this.position): void {
    this.report(severity, `${reason}; the rest of the archive was not scanned`, offset)
    // A member cut off mid-way is scanned as far as it goes, but not ended: its scanner would
    // judge a fragment as if it were whole.
    if (this.inflate && !this.memberStopped) {
      this.inflate.flush()
      if (this.inflate.error) this.inflateFailed()
    }
    this.target = null
    this.closeMember(false)
    this.state = 'dead'
  }

  private expect(bytes: number, state: State): void {
    if (this.collect.length < bytes) this.collect = new Uint8Array(bytes)
    this.collected = 0
    this.need = bytes
    this.state = state
  }

  write(chunk: Uint8Array): void {
    let at = 0
    while (at < chunk.length) {
      const available = chunk.length - at
      switch (this.state) {
        case 'dead':
          this.position += available
          return
        case 'tail':
          this.appendTail(chunk.subarray(at))
          this.position += available
          return
        case 'data-search': {
          const used = this.searchDescriptor(chunk.subarray(at))
          this.position += used
          at += used
          break
        }
        case 'data': {
          const n = Math.min(this.remaining, available)
          if (n > 0) this.feedMember(chunk.subarray(at, at + n))
          this.remaining -= n
          this.position += n
          at += n
          if (this.remaining === 0) this.memberDataEnd()
          break
        }
        default: {
          const n = Math.min(this.need - this.collected, available)
          this.collect.set(chunk.subarray(at, at + n), this.collected)
          this.collected += n
          this.position += n
          at += n
          if (this.collected === this.need) this.collectedAll()
        }
      }
    }
  }

  private collectedAll(): void {
    const bytes = this.collect.subarray(0, this.need)
    switch (this.state) {
      case 'signature':
        this.onSignature(bytes)
        return
      case 'local-fixed': {
        const header = new Uint8Array(LOCAL_FIXED)
        header.set(this.signatureBytes, 0)
        header.set(bytes, 4)
        const variable = localVariableLength(header)
        if (variable === 0) {
          this.onLocalHeader(header)
        } else {
          this.fixed = header
          this.expect(variable, 'local-variable')
        }
        return
      }
      case 'local-variable': {
        const fixed = this.fixed as Uint8Array
        const header = new Uint8Array(fixed.length + bytes.length)
        header.set(fixed, 0)
        header.set(bytes, fixed.length)
        this.fixed = null
        this.onLocalHeader(header)
        return
      }
      case 'descriptor-head':
        this.onDescriptorHead(bytes)
        return
      case 'descriptor-rest':
        this.onDescriptor(bytes)
        return
      default:
        return
    }
  }

  private onSignature(bytes: Uint8Array): void {
    const signature = readUint32LE(bytes, 0)
    const start = this.position - 4
    if (signature === LOCAL_SIG) {
      this.memberOffset = start
      this.signatureBytes = copyBytes(bytes, 0, 4)
      this.expect(LOCAL_FIXED - 4, 'local-fixed')
      return
    }
    if (signature === CENTRAL_SIG || signature === EOCD_SIG || signature === ZIP64_EOCD_SIG) {
      this.state = 'tail'
      this.tailStart = start
      this.appendTail(bytes.subarray(0, 4))
      return
    }
    this.fail('critical', `unexpected bytes between members (signature 0x${signature.toString(16).padStart(8, '0')}): data hidden outside any member`, start)
  }

  private signatureBytes: Uint8Array = new Uint8Array(4)

  private onLocalHeader(header: Uint8Array): void {
    const parsed = parseLocalHeader(header)
    if (!parsed.ok) {
      this.fail('critical', `malformed local header: ${parsed.reason}`, this.memberOffset)
      return
    }
    const h = parsed.value
    if (this.members.size >= this.ctx.limits.zipEntries) {
      this.fail('high', `more than ${this.ctx.limits.zipEntries} members`, this.memberOffset)
      return
    }
    this.memberNames.push(h.name)
    const file = memberPath(this.file, h.name)
    for (const problem of memberNameProblems(h.name)) this.report('high', problem, this.memberOffset, h.name)
    if (this.names.has(h.name)) {
      this.report('high', 'duplicate member name: different tools pick different copies', this.memberOffset, h.name)
    }
    this.names.add(h.name)
    const member: SeenMember = { header: h, offset: this.memberOffset, crc: h.crc, compressedSize: h.compressedSize, uncompressedSize: h.uncompressedSize }
    this.members.set(this.memberOffset, member)
    this.member = member
    if ((h.flags & HAS_DESCRIPTOR) !== 0 && h.compressedSize === 0 && h.method === 0 && !h.name.endsWith('/')) {
      // torch.save writes every member stored, sizes in a signed descriptor after the data.
      this.startMember(h, file, true)
      this.held = new Uint8Array(0)
      this.searchCrc = 0
      this.searchCount = 0
      this.state = 'data-search'
      return
    }
    if ((h.flags & HAS_DESCRIPTOR) !== 0 && h.compressedSize === 0 && !(h.method === 0 && h.name.endsWith('/'))) {
      this.fail('high', `member ${h.name} keeps its sizes in a trailing data descriptor, so a single-pass scan cannot find its end; re-pack the archive with sizes in the local headers`, this.memberOffset)
      return
    }
    if (!Number.isFinite(h.compressedSize)) {
      this.fail('critical', `member ${h.name} declares an impossible size`, this.memberOffset)
      return
    }
    if (!this.checkDeclaredSizes(h)) return
    this.startMember(h, file)
  }

  private checkDeclaredSizes(h: MemberHeader): boolean {
    const limits = this.ctx.limits
    if (h.uncompressedSize > limits.zipEntryUncompressedBytes) {
      this.fail('high', `member ${h.name} declares ${h.uncompressedSize} uncompressed bytes, over the ${limits.zipEntryUncompressedBytes} limit`, this.memberOffset)
      return false
    }
    if (h.method !== 0 && h.uncompressedSize > limits.ratioFloorBytes && h.uncompressedSize > h.compressedSize * limits.compressionRatio) {
      this.fail('high', `member ${h.name} declares a compression ratio over ${limits.compressionRatio}:1 (zip bomb)`, this.memberOffset)
      return false
    }
    this.ctx.uncompressedTotal += h.uncompressedSize
    if (this.ctx.uncompressedTotal > limits.totalUncompressedBytes) {
      this.fail('high', `archives declare more than ${limits.totalUncompressedBytes} uncompressed bytes in total (zip bomb)`, this.memberOffset)
      return false
    }
    return true
  }

  private startMember(h: MemberHeader, file: string, sizeFollows = false): void {
    this.produced = 0
    this.crcValue = 0
    this.crcComplete = true
    this.memberStopped = false
    this.inflate = null
    this.target = null
    const encrypted = (h.flags & ENCRYPTED) !== 0
    const supported = h.method === 0 || h.method === 8
    let sink = this.open(h, file)
    if (sink && (encrypted || !supported)) {
      // Only members the scan would have inspected matter; tensor data in an odd method does not.
      this.report('high', encrypted ? `member ${h.name} is encrypted and cannot be scanned` : `member ${h.name} uses compression method ${h.method}, which this scan cannot decode`, this.memberOffset, h.name)
      sink = null
    }
    if (sink && !sink.done) {
      this.target = sink
      if (h.method === 8) {
        this.inflate = new InflateStream({ output: (piece) => this.onInflated(piece) })
      }
    } else if (sink) {
      sink.end()
    }
    if (sizeFollows) return
    this.remaining = h.compressedSize
    this.state = 'data'
    if (this.remaining === 0) this.memberDataEnd()
  }

  private onInflated(piece: Uint8Array): boolean {
    const member = this.member as SeenMember
    const limits = this.ctx.limits
    this.produced += piece.length
    const declared = member.header.uncompressedSize
    if ((member.header.flags & HAS_DESCRIPTOR) === 0 && this.produced > declared) {
      this.report('critical', `member ${member.header.name} inflates beyond its declared ${declared} bytes (zip bomb or size lie)`, member.offset, member.header.name)
      this.stopMember()
      return false
    }
    if (this.produced > limits.zipEntryUncompressedBytes) {
      this.report('high', `member ${member.header.name} inflates beyond the ${limits.zipEntryUncompressedBytes} byte limit`, member.offset, member.header.name)
      this.stopMember()
      return false
    }
    this.deliver(piece)
    return !this.memberStopped
  }

  private deliver(piece: Uint8Array): void {
    const target = this.target
    if (!target || this.memberStopped) return
    target.write(piece)
    if (target.done) {
      // The member's scanner has what it needs (a tensor storage after its first bytes); the
      // rest is skipped without decoding or checksumming.
      this.crcComplete = false
      this.stopMember()
      return
    }
    if (this.crcComplete) this.crcValue = crc32(piece, this.crcValue)
  }

  private stopMember(): void {
    if (this.memberStopped) return
    this.memberStopped = true
    this.crcComplete = false
    this.target?.end()
    this.target = null
  }

  private feedMember(bytes: Uint8Array): void {
    if (this.memberStopped || !this.target) return
    if (this.inflate) {
      this.inflate.write(bytes)
      if (this.inflate.error) this.inflateFailed()
    } else {
      this.produced += bytes.length
      this.deliver(bytes)
    }
  }

  private inflateFailed(): void {
    const member = this.member as SeenMember
    this.report('critical', `member ${member.header.name} has corrupt deflate data (${this.inflate?.error ?? 'unknown error'}); a loader would fail on it`, member.offset, member.header.name)
    this.stopMember()
  }

  private memberDataEnd(): void {
    if (this.inflate && !this.memberStopped) {
      this.inflate.end()
      if (this.inflate.error) this.inflateFailed()
    }
    const member = this.member as SeenMember
    if ((member.header.flags & HAS_DESCRIPTOR) !== 0) {
      this.expect(4, 'descriptor-head')
      return
    }
    this.closeMember(true)
    this.expect(4, 'signature')
  }

  private held = new Uint8Array(0)
  private searchCrc = 0
  private searchCount = 0

  /**
   * A stored member whose sizes follow it in a data descriptor: its end is the first descriptor
   * signature whose CRC and sizes match the bytes before it. Data can contain a forged descriptor
   * that matches; then this split differs from the central directory's, which verifyDirectory
   * compares member by member, so a forgery is refused rather than believed. Returns how many
   * bytes of `piece` were consumed.
   */
  private searchDescriptor(piece: Uint8Array): number {
    const heldLength = this.held.length
    const data = Buffer.concat([this.held, piece])
    let from = 0
    for (;;) {
      const at = data.indexOf(DESCRIPTOR_SIGNATURE, from)
      if (at < 0 || at + 16 > data.length) break
      const crc = crc32(data.subarray(0, at), this.searchCrc) >>> 0
      const size = this.searchCount + at
      const wide = at + 24 <= data.length
      const narrowMatch = readUint32LE(data, at + 4) === crc && readUint32LE(data, at + 8) === size && readUint32LE(data, at + 12) === size
      const wideMatch = wide && readUint32LE(data, at + 4) === crc && readUint32LE(data, at + 8) + readUint32LE(data, at + 12) * 2 ** 32 === size && readUint32LE(data, at + 16) + readUint32LE(data, at + 20) * 2 ** 32 === size
      if (narrowMatch || wideMatch) {
        this.deliverSearched(data.subarray(0, at))
        const member = this.member as SeenMember
        member.crc = crc
        member.compressedSize = size
        member.uncompressedSize = size
        this.held = new Uint8Array(0)
        this.ctx.uncompressedTotal += size
        this.closeMember(true)
        this.expect(4, 'signature')
        return at + (narrowMatch ? 16 : 24) - heldLength
      }
      from = at + 1
    }
    const keep = Math.min(DESCRIPTOR_HOLD, data.length)
    this.deliverSearched(data.subarray(0, data.length - keep))
    this.held = Uint8Array.from(data.subarray(data.length - keep))
    const limit = this.ctx.limits.zipEntryUncompressedBytes
    if (this.searchCount > limit) {
      const name = (this.member as SeenMember).header.name
      this.fail('high', `member ${name} runs past the ${limit} byte limit without a data descriptor`, (this.member as SeenMember).offset)
    }
    return piece.length
  }

  private deliverSearched(bytes: Uint8Array): void {
    if (bytes.length === 0) return
    this.searchCrc = crc32(bytes, this.searchCrc)
    this.searchCount += bytes.length
    this.feedMember(bytes)
  }

  private onDescriptorHead(bytes: Uint8Array): void {
    const member = this.member as SeenMember
    const wide = member.header.zip64
    if (readUint32LE(bytes, 0) === DESCRIPTOR_SIG) {
      this.expect(wide ? 20 : 12, 'descriptor-rest')
      return
    }
    this.descriptorCrc = readUint32LE(bytes, 0)
    this.expect(wide ? 16 : 8, 'descriptor-rest')
  }

  private descriptorCrc: number | null = null

  private onDescriptor(bytes: Uint8Array): void {
    const member = this.member as SeenMember
    let at = 0
    let crc = this.descriptorCrc
    if (crc === null) {
      crc = readUint32LE(bytes, 0)
      at = 4
    }
    this.descriptorCrc = null
    const wide = member.header.zip64
    const compressed = wide ? readUint32LE(bytes, at) + readUint32LE(bytes, at + 4) * 2 ** 32 : readUint32LE(bytes, at)
    const uncompressed = wide ? readUint32LE(bytes, at + 8) + readUint32LE(bytes, at + 12) * 2 ** 32 : readUint32LE(bytes, at + 4)
    if (compressed !== member.compressedSize || (member.header.uncompressedSize !== 0 && uncompressed !== member.header.uncompressedSize)) {
      this.report('high', `member ${member.header.name}: data descriptor sizes disagree with the local header`, member.offset, member.header.name)
    }
    member.crc = member.header.crc === 0 ? crc : member.header.crc
    member.uncompressedSize = member.header.uncompressedSize === 0 ? uncompressed : member.header.uncompressedSize
    this.closeMember(true)
    this.expect(4, 'signature')
  }

  private closeMember(complete: boolean): void {
    const member = this.member
    if (!member) return
    if (complete && !this.memberStopped && this.target) {
      if (this.produced !== member.uncompressedSize) {
        this.report('critical', `member ${member.header.name} holds ${this.produced} bytes but declares ${member.uncompressedSize}`, member.offset, member.header.name)
      } else if (this.crcComplete && (this.crcValue >>> 0) !== (member.crc >>> 0)) {
        this.report('high', `member ${member.header.name} fails its CRC check: torch's reader ignores CRCs, CPython's zipfile rejects them, so the two read the archive differently`, member.offset, member.header.name)
      }
    }
    if (this.target && !this.memberStopped) this.target.end()
    this.target = null
    this.inflate = null
    this.member = null
  }

  private appendTail(bytes: Uint8Array): void {
    if (this.tailOverflow) return
    if (this.tailSize + bytes.length > this.ctx.limits.zipCentralDirectoryBytes) {
      this.tailOverflow = true
      this.tailChunks = []
      return
    }
    this.tailChunks.push(copyBytes(bytes))
    this.tailSize += bytes.length
  }

  end(): void {
    switch (this.state) {
      case 'dead':
        return
      case 'tail':
        this.verifyDirectory()
        return
      case 'signature':
        if (this.collected === 0 && this.position === 0) {
          this.report('critical', 'empty archive stream')
          return
        }
        this.fail('critical', 'truncated archive: it ends before the central directory')
        return
      default:
        this.fail('critical', 'truncated archive: it ends inside a member')
    }
  }

  private verifyDirectory(): void {
    if (this.tailOverflow) {
      this.report('high', `central directory larger than the ${this.ctx.limits.zipCentralDirectoryBytes} byte limit; members were scanned but not verified against it`, this.tailStart)
      return
    }
    const tail = new Uint8Array(this.tailSize)
    let at = 0
    for (const piece of this.tailChunks) {
      tail.set(piece, at)
      at += piece.length
    }
    this.tailChunks = []
    const end = parseEnd(tail, this.tailStart)
    if (!end.ok) {
      this.report('critical', `malformed archive: ${end.reason}`, this.tailStart)
      return
    }
    const { cdSize, cdOffset, entries, recordAt, trailing, comment, otherEnds } = end.value
    if (otherEnds.length > 0) {
      this.report('high', `zip confusion: ${otherEnds.length + 1} plausible end-of-central-directory records; readers that search from the end differently (CPython zipfile, torch's reader) would read different member lists`, this.tailStart + (otherEnds[0] as number))
    }
    if (containsZipSignature(comment)) {
      this.report('high', 'zip confusion: the archive comment contains zip record signatures (a second archive hidden where readers look for the end record)', this.tailStart + end.value.eocdAt)
    }
    if (cdOffset !== this.tailStart || recordAt - cdSize !== 0) {
      this.report('critical', 'zip confusion: the end record places the central directory somewhere other than where the members end; loaders would read a different member list than the one scanned', this.tailStart)
      return
    }
    if (trailing > 0) this.report('high', `${trailing} bytes after the end of the archive that no reader accounts for`, this.tailStart + tail.length - trailing)
    const listed: MemberHeader[] = []
    let cursor = 0
    while (cursor < cdSize) {
      const record = parseCentralRecord(tail, cursor)
      if (!record.ok) {
        this.report('critical', `malformed central directory: ${record.reason}`, this.tailStart + cursor)
        return
      }
      listed.push(record.value.header)
      cursor = record.value.next
    }
    if (cursor !== cdSize || listed.length !== entries) {
      this.report('critical', `central directory holds ${listed.length} records in ${cursor} bytes, but the end record says ${entries} in ${cdSize}`, this.tailStart)
    }
    const matched = new Set<number>()
    for (const central of listed) {
      const offset = central.localOffset ?? -1
      const local = this.members.get(offset)
      if (!local) {
        this.report('critical', `zip confusion: the central directory lists ${central.name} at offset ${offset}, where no member was seen (overlapping or hidden member)`, this.tailStart, central.name)
        continue
      }
      matched.add(offset)
      const differences: string[] = []
      if (central.name !== local.header.name) differences.push('name')
      if (central.method !== local.header.method) differences.push('method')
      if ((central.flags & ENCRYPTED) !== (local.header.flags & ENCRYPTED)) differences.push('encryption')
      if (central.compressedSize !== local.compressedSize) differences.push('compressed size')
      if (central.uncompressedSize !== local.uncompressedSize) differences.push('uncompressed size')
      if ((central.crc >>> 0) !== (local.crc >>> 0)) differences.push('CRC')
      if (differences.length > 0) {
        this.report('critical', `zip confusion: central directory and local header of ${central.name} disagree on ${differences.join(', ')}`, offset, central.name)
      }
    }
    if (this.members.size === 0) this.report('medium', 'archive has no members: nothing to load')
    for (const [offset, member] of this.members) {
      if (!matched.has(offset)) this.report('high', `member ${member.header.name} is not listed in the central directory: bytes a directory reader skips and a stream reader reads`, offset, member.header.name)
    }
  }
}

const SIGNATURES = [LOCAL_SIG, CENTRAL_SIG, EOCD_SIG, ZIP64_EOCD_SIG, DESCRIPTOR_SIG, 0x07064b50]

function containsZipSignature(bytes: Uint8Array): boolean {
  for (let at = 0; at + 4 <= bytes.length; at++) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && SIGNATURES.includes(readUint32LE(bytes, at))) return true
  }
  return false
}
