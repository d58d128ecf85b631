/**
 * Throughput and peak memory of scanArtifact on a 1 GiB torch-style archive, against plain
 * reads of the same file (createReadStream, and the scanner's own double-buffered reader alone)
 * and a stream read plus SHA-256.
 * Each measurement runs in a fresh process so its peak RSS is its own.
 *
 *   npm run bench -- scanner        (the archive: BENCH_SCANNER_FILE, default /tmp/modelgate-bench-1g.pt)
 *
 * The archive is generated on first use and never committed.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, existsSync, openSync, writeSync, closeSync, statSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { readFileChunks } from '../src/artifacts/file-source.js'
import { scanArtifact } from '../src/artifacts/index.js'

const MiB = 1024 * 1024
const TENSORS = 256
const TENSOR_BYTES = 4 * MiB

function u16(v: number): Buffer {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(v)
  return b
}
function u32(v: number): Buffer {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(v >>> 0)
  return b
}

/** data.pkl: an OrderedDict of TENSORS tensors rebuilt with torch._utils._rebuild_tensor_v2, protocol 2. */
function dataPkl(): Buffer {
  const parts: Buffer[] = [Buffer.from([0x80, 0x02]), Buffer.from('ccollections\nOrderedDict\nq\x00)Rq\x01(', 'latin1')]
  for (let i = 0; i < TENSORS; i++) {
    const key = Buffer.from(`layers.${i}.weight`)
    parts.push(Buffer.from([0x58]), u32(key.length), key)
    parts.push(Buffer.from('ctorch._utils\n_rebuild_tensor_v2\n(', 'latin1'))
    const storageKey = Buffer.from(String(i))
    parts.push(Buffer.from('(X\x07\x00\x00\x00storagectorch\nFloatStorage\nX', 'latin1'), u32(storageKey.length), storageKey)
    parts.push(Buffer.from('X\x03\x00\x00\x00cpuJ', 'latin1'), u32(TENSOR_BYTES / 4), Buffer.from('tQK\x00J', 'latin1'), u32(TENSOR_BYTES / 4))
    parts.push(Buffer.from('\x85K\x01\x85\x89ccollections\nOrderedDict\n)RtR', 'latin1'))
  }
  parts.push(Buffer.from('u.', 'latin1'))
  return Buffer.concat(parts)
}

function generate(path: string): void {
  const fd = openSync(path, 'w')
  const central: Buffer[] = []
  let offset = 0
  const tensor = Buffer.alloc(TENSOR_BYTES)
  for (let i = 0; i < tensor.length; i++) tensor[i] = (i * 2654435761) >>> 24
  const tensorCrc = crc32(tensor)
  const members: [string, Buffer, number][] = [['archive/data.pkl', dataPkl(), 0]]
  for (let i = 0; i < TENSORS; i++) members.push([`archive/data/${i}`, tensor, tensorCrc])
  members.push(['archive/version', Buffer.from('3\n'), 0])
  for (const [name, data, knownCrc] of members) {
    const crc = knownCrc || crc32(data)
    const nameBytes = Buffer.from(name)
    const local = Buffer.concat([u32(0x04034b50), u16(20), u16(0x800), u16(0), u16(0), u16(0x21), u32(crc), u32(data.length), u32(data.length), u16(nameBytes.length), u16(0), nameBytes])
    central.push(Buffer.concat([u32(0x02014b50), u16(20), u16(20), u16(0x800), u16(0), u16(0), u16(0x21), u32(crc), u32(data.length), u32(data.length), u16(nameBytes.length), u16(0), u16(0), u16(0), u16(0), u32(0), u32(offset), nameBytes]))
    writeSync(fd, local)
    writeSync(fd, data)
    offset += local.length + data.length
  }
  const cd = Buffer.concat(central)
  writeSync(fd, cd)
  writeSync(fd, Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(central.length), u16(central.length), u32(cd.length), u32(offset), u16(0)]))
  closeSync(fd)
}

async function plainRead(path: string, highWaterMark: number): Promise<number> {
  let n = 0
  for await (const chunk of createReadStream(path, { highWaterMark })) n += (chunk as Buffer).length
  return n
}

async function readAndHash(path: string): Promise<number> {
  const hash = createHash('sha256')
  let n = 0
  for await (const chunk of createReadStream(path, { highWaterMark: MiB })) {
    hash.update(chunk as Buffer)
    n += (chunk as Buffer).length
  }
  hash.digest()
  return n
}

async function child(mode: string, path: string): Promise<void> {
  const started = process.hrtime.bigint()
  let detail = ''
  if (mode === 'read-64k') await plainRead(path, 64 * 1024)
  else if (mode === 'read-1m') await plainRead(path, MiB)
  else if (mode === 'read-reused') for await (const chunk of readFileChunks(path)) void chunk
  else if (mode === 'read+sha256') await readAndHash(path)
  else {
    const report = await scanArtifact({ path }, { filename: 'bench.pt' })
    detail = `${report.format} findings=${report.findings.length} globals=${report.globals.length}`
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  process.stdout.write(JSON.stringify({ mode, seconds, maxRssMiB: process.resourceUsage().maxRSS / 1024, detail }) + '\n')
}

export async function benchScanner(): Promise<void> {
  const path = process.env.BENCH_SCANNER_FILE ?? '/tmp/modelgate-bench-1g.pt'
  if (!existsSync(path)) generate(path)
  const size = statSync(path).size
  const self = fileURLToPath(import.meta.url)
  const modes = ['read-64k', 'read-1m', 'read-reused', 'read+sha256', 'scan']
  const results: Record<string, { seconds: number; maxRssMiB: number; detail: string }[]> = {}
  // Warm the page cache so every mode reads from memory, then interleave runs against drift.
  await plainRead(path, MiB)
  for (let round = 0; round < 5; round++) {
    for (const m of modes) {
      const out = execFileSync(process.execPath, ['--import', 'tsx', self, m, path], { encoding: 'utf8' })
      ;(results[m] ??= []).push(JSON.parse(out.trim().split('\n').pop() as string))
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
  const summary = Object.fromEntries(modes.map((m) => [m, { seconds: median(results[m]!.map((r) => r.seconds)), maxRssMiB: Math.max(...results[m]!.map((r) => r.maxRssMiB)), detail: results[m]![0]!.detail }]))
  const mbps = (s: number): number => Math.round(size / MiB / s)
  console.log(`\nArtifact scanner on a generated ${Math.round(size / MiB)} MiB torch-style archive (medians of 5 runs, each mode in a fresh process)`)
  for (const [m, r] of Object.entries(summary)) console.log(`${m.padEnd(12)} ${r.seconds.toFixed(3)} s  ${mbps(r.seconds)} MiB/s  peak RSS ${r.maxRssMiB.toFixed(0)} MiB ${r.detail}`)
  const fastestStream = Math.min(summary['read-64k']!.seconds, summary['read-1m']!.seconds)
  console.log(`scan / fastest createReadStream read throughput: ${(fastestStream / summary.scan!.seconds).toFixed(2)} (target >= 0.8); scanner peak RSS ${summary.scan!.maxRssMiB.toFixed(0)} MiB (target < 100 MB)`)
  console.log(`scan / same double-buffered reader without hashing or scanning: ${(summary['read-reused']!.seconds / summary.scan!.seconds).toFixed(2)}`)
  console.log(`scan / read+sha256 throughput: ${(summary['read+sha256']!.seconds / summary.scan!.seconds).toFixed(2)}`)
}

// Each measurement runs as `tsx bench/scanner.ts <mode> <path>` in a child process.
const [mode, pathArg] = process.argv.slice(2)
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && mode) await child(mode, pathArg as string)
