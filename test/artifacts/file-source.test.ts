import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { readFileChunks } from '../../src/artifacts/file-source.js'
import { scanArtifact } from '../../src/artifacts/index.js'

const dir = mkdtempSync(join(tmpdir(), 'modelgate-artifacts-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A protocol 0 pickle of a few MiB: lines cross the reader's 1 MiB buffer boundaries everywhere. */
function longProtocol0(items: number, tail: string): Buffer {
  const parts = ['(lp0\n']
  for (let i = 0; i < items; i++) parts.push(`(dp${i + 1}\nVname\nVitem-${i}\nsa`)
  parts.push(tail)
  return Buffer.from(parts.join(''), 'latin1')
}

describe('reading from a path', () => {
  it('delivers the file exactly, in reused buffers', async () => {
    const bytes = longProtocol0(200_000, '.')
    const path = join(dir, 'exact.pkl')
    writeFileSync(path, bytes)
    let at = 0
    for await (const chunk of readFileChunks(path, 64 * 1024)) {
      expect(Buffer.compare(Buffer.from(chunk), bytes.subarray(at, at + chunk.length))).toBe(0)
      at += chunk.length
    }
    expect(at).toBe(bytes.length)
  })

  it('a multi-MiB pickle scanned from disk finds the import at its end', async () => {
    const path = join(dir, 'long.pkl')
    writeFileSync(path, longProtocol0(200_000, "cos\nsystem\n(S'id'\ntRa."))
    const report = await scanArtifact({ path }, { filename: 'long.pkl' })
    expect(report.bytes).toBeGreaterThan(4 * 1024 * 1024)
    expect(report.findings.map((f) => `${f.severity} ${f.global}`)).toEqual(['critical os.system'])
  })

  it('an unreadable path is a critical finding, not an exception', async () => {
    const report = await scanArtifact({ path: join(dir, 'missing.pt') }, { filename: 'missing.pt' })
    expect(report.findings[0]).toMatchObject({ severity: 'critical', scanner: 'scan' })
    expect(report.bytes).toBe(0)
  })
})
