import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { createArtifactScanner, scanArtifact, type ScanReport } from '../../src/artifacts/index.js'
import { fixture } from './helpers/fixtures.js'
import { buildZip, torchArchiveStream, type ZipMember } from './helpers/zip-writer.js'

const evil = fixture('evil_os_system_p2.pkl')
const evilProtocol0 = fixture('evil_os_system_p0.pkl')
const benign = fixture('benign_p2.pkl')

function scanBytes(bytes: Uint8Array): ScanReport {
  const scanner = createArtifactScanner({ filename: 'a.zip' })
  scanner.write(bytes)
  return scanner.end()
}

function scanZip(members: ZipMember[], options?: Parameters<typeof buildZip>[1]): string[] {
  return scanBytes(buildZip(members, options)).findings.map((f) => `${f.severity} ${f.scanner}: ${f.reason}`)
}

describe('zip confusion', () => {
  it('central directory naming a member differently from its local header', () => {
    // Locally "notes.txt", but loaders look members up by the central name. The member starts
    // like a pickle, so it is scanned whatever either name says.
    expect(scanZip([{ name: 'notes.txt', centralName: 'notes.pkl', data: evilProtocol0 }])).toEqual([
      'critical pickle: import of os.system: executes arbitrary code',
      'critical zip: zip confusion: central directory and local header of notes.pkl disagree on name',
    ])
  })

  it('central directory pointing where no member starts', () => {
    const found = scanZip([{ name: 'a.pkl', data: benign }, { name: 'b.pkl', data: benign, centralOffsetShift: 7 }])
    expect(found[0]).toMatch(/^critical zip: zip confusion: the central directory lists b.pkl at offset \d+, where no member was seen/)
  })

  it('a member missing from the central directory is an unaccounted byte range', () => {
    expect(scanZip([{ name: 'a.pkl', data: benign }, { name: 'hidden.pkl', data: benign }], { skipCentral: [1] })).toEqual([
      'high zip: member hidden.pkl is not listed in the central directory: bytes a directory reader skips and a stream reader reads',
    ])
  })

  it('duplicate member names', () => {
    expect(scanZip([{ name: 'a.pkl', data: benign }, { name: 'a.pkl', data: benign }])).toEqual([
      'high zip: duplicate member name: different tools pick different copies',
    ])
  })
})

describe('members that cannot be trusted', () => {
  it('inflating past the declared size is a size lie', () => {
    const found = scanZip([{ name: 'a.pkl', data: benign, method: 8, declaredSize: 10 }])
    expect(found[0]).toBe('critical zip: member a.pkl inflates beyond its declared 10 bytes (zip bomb or size lie)')
  })

  it('corrupt deflate data', () => {
    const zip = buildZip([{ name: 'a.pkl', data: new Uint8Array(4000).fill(65), method: 8 }])
    zip[40] = (zip[40] as number) ^ 0xff
    zip[41] = (zip[41] as number) ^ 0xff
    expect(scanBytes(zip).findings.some((f) => f.severity === 'critical')).toBe(true)
  })

  it('CRC mismatch', () => {
    expect(scanZip([{ name: 'a.pkl', data: benign, crc: 1234 }])).toEqual([
      'high zip: member a.pkl fails its CRC check: torch\'s reader ignores CRCs, CPython\'s zipfile rejects them, so the two read the archive differently',
    ])
  })

  it('sizes only in a data descriptor cannot be delimited in one pass', () => {
    expect(scanZip([{ name: 'a.pkl', data: benign, descriptor: true, method: 8 }])[0]).toMatch(
      /^high zip: member a.pkl keeps its sizes in a trailing data descriptor, so a single-pass scan cannot find its end/,
    )
  })

  it('encrypted and undecodable pickle members', () => {
    expect(scanZip([{ name: 'a.pkl', data: benign, flags: 1 }])).toEqual(['high zip: member a.pkl is encrypted and cannot be scanned'])
    expect(scanZip([{ name: 'a.pkl', data: benign, declaredMethod: 12 }])).toEqual([
      'high zip: member a.pkl uses compression method 12, which this scan cannot decode',
    ])
  })

  it('truncated archives and trailing bytes', () => {
    const zip = buildZip([{ name: 'a.pkl', data: benign }])
    expect(scanBytes(zip.subarray(0, 100)).findings[0]?.reason).toMatch(/truncated archive: it ends inside a member/)
    expect(scanBytes(zip.subarray(0, zip.length - 30)).findings[0]?.reason).toMatch(/no end-of-central-directory record/)
    expect(scanZip([{ name: 'a.pkl', data: benign }], { trailing: new Uint8Array(9) })).toEqual(['high zip: 9 bytes after the end of the archive that no reader accounts for'])
  })

  it('bytes smuggled between members', () => {
    const zip = buildZip([{ name: 'a.pkl', data: benign }])
    const smuggled = new Uint8Array(zip.length + 4)
    const split = 30 + 5 + benign.length
    smuggled.set(zip.subarray(0, split), 0)
    smuggled.set([1, 2, 3, 4], split)
    smuggled.set(zip.subarray(split), split + 4)
    expect(scanBytes(smuggled).findings[0]?.reason).toMatch(/unexpected bytes between members/)
  })
})

describe('which members are scanned', () => {
  it('a tensor storage that holds a pickle is scanned as one (torch.load pickle_file, CVE-2025-1889)', () => {
    expect(scanZip([{ name: 'archive/data.pkl', data: benign }, { name: 'archive/data/0', data: evil }])).toEqual([
      'critical pickle: import of os.system: executes arbitrary code',
      'high pickle: a tensor data member holds pickle data: torch.load can be pointed at it (pickle_file), so it is judged as a pickle',
    ])
  })

  it('tensor bytes that merely start like a pickle are data', () => {
    const floats = new Uint8Array(64).fill(0x41)
    floats.set([0x80, 0x02, 0xff, 0xfe], 0)
    expect(scanZip([{ name: 'archive/data.pkl', data: benign }, { name: 'archive/data/0', data: floats }])).toEqual([])
  })

  it('a member that starts like a pickle is scanned as one whatever its name', () => {
    expect(scanZip([{ name: 'notes.txt', data: evil }])).toEqual(['critical pickle: import of os.system: executes arbitrary code'])
    expect(scanZip([{ name: 'notes.txt', data: evilProtocol0 }])).toEqual(['critical pickle: import of os.system: executes arbitrary code'])
    expect(scanZip([{ name: 'notes.txt', data: new TextEncoder().encode('plain notes') }])).toEqual([])
    expect(scanZip([{ name: 'weights.bin', data: evilProtocol0 }])).toEqual(['critical pickle: import of os.system: executes arbitrary code'])
  })

  it('an empty member where a model is expected is not a pass', () => {
    expect(scanZip([{ name: 'model.pt', data: new Uint8Array(0) }])).toEqual(['critical format: empty content: nothing to load, nothing verified'])
    expect(scanZip([{ name: 'README', data: new Uint8Array(0) }])).toEqual([])
  })

  it('declared totals over the limit stop the scan', () => {
    const scanner = createArtifactScanner({ filename: 'a.zip', limits: { totalUncompressedBytes: 1000 } })
    scanner.write(buildZip([{ name: 'a.pkl', data: benign }, { name: 'b.pkl', data: new Uint8Array(2000).fill(78), method: 8 }]))
    expect(scanner.end().findings.map((f) => f.reason)).toEqual([
      expect.stringMatching(/archives declare more than 1000 uncompressed bytes in total \(zip bomb\)/),
    ])
  })
})

describe('large archives stream through bounded memory', () => {
  it('a 512 MiB torch-style archive, mostly tensor bytes', async () => {
    const before = process.memoryUsage()
    const report = await scanArtifact(torchArchiveStream(benign, 512 * 1024 * 1024), { filename: 'big.pt' })
    const after = process.memoryUsage()
    expect(report.format).toBe('pytorch-zip')
    expect(report.findings).toEqual([])
    expect(report.bytes).toBeGreaterThan(512 * 1024 * 1024)
    expect(after.arrayBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024)
  })
})

describe('stored members sized by a trailing data descriptor (torch.save)', () => {
  it('are delimited by the descriptor whose CRC and sizes match, and scanned', () => {
    expect(scanZip([{ name: 'archive/data.pkl', data: benign, descriptor: true }, { name: 'archive/version', data: new TextEncoder().encode('3\n'), descriptor: true }])).toEqual([])
    expect(scanZip([{ name: 'archive/data.pkl', data: evil, descriptor: true }])).toEqual(['critical pickle: import of os.system: executes arbitrary code'])
  })

  it('give the same report in any chunking', async () => {
    const zip = buildZip([{ name: 'a.pkl', data: evil, descriptor: true }, { name: 'b.pkl', data: benign, descriptor: true }])
    const whole = scanBytes(zip)
    for (const size of [1, 5, 17]) {
      const chunks = (async function* () {
        for (let at = 0; at < zip.length; at += size) yield zip.slice(at, at + size)
      })()
      const report = await scanArtifact(chunks, { filename: 'a.zip' })
      expect(report.findings).toEqual(whole.findings)
    }
  })

  it('a descriptor forged inside the data splits the member where loaders do not: refused', () => {
    const prefix = new TextEncoder().encode('harmless prefix')
    const view = new DataView(new ArrayBuffer(16))
    view.setUint32(0, 0x08074b50, true)
    view.setUint32(4, crc32(prefix) >>> 0, true)
    view.setUint32(8, prefix.length, true)
    view.setUint32(12, prefix.length, true)
    const data = new Uint8Array([...prefix, ...new Uint8Array(view.buffer), ...evil])
    const found = scanZip([{ name: 'archive/data.pkl', data, descriptor: true }])
    expect(found.some((f) => f.startsWith('critical zip'))).toBe(true)
  })

  it('zip64 and classic end records that describe different directories are refused', () => {
    const bytes = fixture('benign/torch_tensor.pt').slice()
    const at = Buffer.from(bytes).lastIndexOf(Buffer.from([0x50, 0x4b, 0x06, 0x06]))
    bytes[at + 32] = (bytes[at + 32] as number) + 1
    expect(scanBytes(bytes).findings.map((f) => `${f.severity}: ${f.reason}`)).toEqual([
      'critical: malformed archive: zip confusion: the zip64 end record and the end record describe different central directories',
    ])
  })
})
