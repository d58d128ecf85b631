import { describe, expect, it } from 'vitest'
import { scanPickleBytes } from '../../src/artifacts/index.js'
import { ScanContext } from '../../src/artifacts/context.js'
import { resolveLimits } from '../../src/artifacts/limits.js'
import { PickleSink } from '../../src/artifacts/pickle/scanner.js'
import { fixture } from './helpers/fixtures.js'
import { binUnicode, bytes, MEMOIZE, PROTO4, shortUnicode, STACK_GLOBAL, TUPLE1, u32, u64 } from './helpers/pickle-bytes.js'

function reasons(input: Uint8Array, chunkSize?: number): string[] {
  return scanPickleBytes(input, chunkSize === undefined ? {} : { chunkSize }).findings.map((f) => `${f.severity}: ${f.reason}`)
}

describe('imports', () => {
  it('GLOBAL, STACK_GLOBAL and INST are all resolved', () => {
    const inst = bytes('(S\'id\'\nisubprocess\ncheck_output\n.')
    expect(scanPickleBytes(inst).globals).toEqual(['subprocess.check_output'])
    expect(reasons(inst)).toEqual(['critical: import of subprocess.check_output: executes arbitrary code'])
    const stack = bytes(PROTO4, shortUnicode('runpy'), shortUnicode('run_path'), STACK_GLOBAL, '.')
    expect(reasons(stack)).toEqual(['critical: import of runpy.run_path: executes arbitrary code'])
  })

  it('STACK_GLOBAL operands fetched back from the memo after being popped', () => {
    const stream = fixture('evil_eval_stack_global_p4.pkl')
    expect(scanPickleBytes(stream).globals).toEqual(['builtins.eval'])
  })

  it('STACK_GLOBAL through PUT/GET lines (protocol 0 memo opcodes)', () => {
    const stream = bytes(PROTO4, 'Vos\np0\n0Vsystem\np1\n0g0\ng1\n', STACK_GLOBAL, '.')
    expect(scanPickleBytes(stream).globals).toEqual(['os.system'])
  })

  it('STACK_GLOBAL through LONG_BINPUT/LONG_BINGET and BINUNICODE8', () => {
    const stream = bytes(PROTO4, [0x8d], u64(2), 'nt', 'r', u32(70000), '0', 'j', u32(70000), binUnicode('spawnl'), STACK_GLOBAL, '.')
    expect(scanPickleBytes(stream).globals).toEqual(['nt.spawnl'])
  })

  it('STACK_GLOBAL with a non-string operand is a dynamic import', () => {
    const stream = bytes(PROTO4, shortUnicode('os'), 'K', [1], STACK_GLOBAL, '.')
    expect(reasons(stream)).toEqual(['critical: dynamic import: STACK_GLOBAL with str/int operands; the imported name cannot be known statically'])
  })

  it('GET of a memo index never set is a memo trick', () => {
    const stream = bytes(PROTO4, shortUnicode('builtins'), 'h', [7], STACK_GLOBAL, '.')
    expect(reasons(stream)).toEqual([
      'critical: memo trick: GET of memo index 7, which was never set',
      'critical: dynamic import: STACK_GLOBAL with str/opaque operands; the imported name cannot be known statically',
    ])
  })

  it('dotted names that walk dunder attributes are critical even from an allowed module', () => {
    const stream = bytes(PROTO4, shortUnicode('collections'), shortUnicode('OrderedDict.__init__.__globals__'), STACK_GLOBAL, '.')
    expect(reasons(stream)).toEqual(['critical: import of collections.OrderedDict.__init__.__globals__: walks dunder attributes to reach other objects (through __init__)'])
  })

  it('an import on no list is high: default deny', () => {
    const stream = bytes('cmypkg.models\nNet\n.')
    expect(scanPickleBytes(stream).findings).toEqual([expect.objectContaining({ severity: 'high', global: 'mypkg.models.Net', allowList: 'modelgate-pickle-allow/1' })])
  })

  it('calling something that is not an import (a chained call) is high', () => {
    // getattr(os, "system")("id"): the outer REDUCE applies the result of the inner one.
    const stream = bytes('cbuiltins\ngetattr\n(cos\n_wrap_close\nS\'system\'\ntR(S\'id\'\ntR.')
    const found = reasons(stream)
    expect(found).toContain('critical: import of builtins.getattr: reaches arbitrary attributes (e.g. os.system)')
    expect(found).toContain('high: REDUCE applies a computed value (obj) rather than an import: a call chained through another object')
  })

  it('extension registry imports cannot be resolved', () => {
    expect(reasons(bytes([0x80, 0x02, 0x82, 0x05, 0x29, 0x52, 0x2e]))).toEqual([
      'high: import through the copyreg extension registry (code 5), which a static scan cannot resolve',
    ])
  })
})

describe('structure', () => {
  it('PROTO after other opcodes, twice, or above 5', () => {
    expect(reasons(bytes('N', [0x80, 0x02], '.'))).toEqual(['high: PROTO appears after other opcodes; writers emit it first'])
    expect(reasons(bytes([0x80, 0x02, 0x80, 0x03], 'N.'))).toEqual(['high: PROTO appears more than once in one pickle; writers emit it once, first'])
    expect(reasons(bytes([0x80, 0x06], 'N.'))[0]).toMatch(/^critical: malformed pickle: unsupported pickle protocol 6/)
  })

  it('unknown opcodes, stack underflow and truncation fail closed', () => {
    expect(reasons(bytes([0x80, 0x02, 0xff]))[0]).toMatch(/^critical: unknown opcode 0xff/)
    expect(reasons(bytes('R.'))[0]).toMatch(/^critical: malformed pickle: stack underflow at REDUCE/)
    expect(reasons(bytes([0x80, 0x02], ']'))).toEqual(['critical: truncated pickle: the stream ends before STOP; a loader would fail, and the content is unverified'])
    expect(reasons(bytes([0x80, 0x04, 0x8e], u64(1000), 'abc'))[0]).toMatch(/^critical: truncated pickle/)
    expect(reasons(new Uint8Array(0))).toEqual(['critical: empty stream: no pickle at all'])
  })

  it('a second pickle after STOP is scanned too', () => {
    const stream = bytes([0x80, 0x02], 'N.', 'cposix\nsystem\n.')
    expect(scanPickleBytes(stream).globals).toEqual(['posix.system'])
  })

  it('non-pickle bytes after STOP are reported, not parsed', () => {
    expect(reasons(bytes('N.', [0xff, 0xfe, 0x00]))).toEqual(['medium: trailing bytes after the last pickle that are not pickle data'])
  })

  it('odd SETITEMS and MARK misuse are malformed', () => {
    expect(reasons(bytes('}(Nu.'))[0]).toMatch(/odd number of items for SETITEMS/)
    expect(reasons(bytes('t.'))[0]).toMatch(/no MARK to pop to/)
  })

  it('memo and stack limits are findings, not crashes', () => {
    const many = bytes([0x80, 0x04], ...Array.from({ length: 50 }, () => bytes('N', MEMOIZE)), '.')
    expect(scanPickleBytes(many, { limits: { pickleMemoEntries: 10 } }).findings[0]?.reason).toMatch(/memo larger than the 10 entry limit/)
    const deep = bytes(...Array.from({ length: 50 }, () => 'N'), '.')
    expect(scanPickleBytes(deep, { limits: { pickleStackDepth: 10 } }).findings[0]?.reason).toMatch(/stack deeper than the 10 limit/)
  })

  it('overlong data lines are skipped; overlong GLOBAL lines are fatal', () => {
    const longString = `S'${'a'.repeat(200)}'\n.`
    expect(reasons(bytes(longString), 7)).toEqual([])
    expect(scanPickleBytes(bytes(longString), { limits: { pickleLineBytes: 64 }, chunkSize: 5 }).findings).toEqual([])
    const longGlobal = `c${'a'.repeat(200)}\nb\n.`
    expect(scanPickleBytes(bytes(longGlobal), { limits: { pickleLineBytes: 64 } }).findings[0]?.reason).toMatch(/GLOBAL argument longer than 64 bytes/)
  })
})

describe('streaming', () => {
  it('feeds a malicious pickle one byte at a time', () => {
    for (const name of ['evil_os_system_p0.pkl', 'evil_os_system_p2.pkl', 'evil_eval_stack_global_p4.pkl']) {
      const whole = scanPickleBytes(fixture(name))
      const byteByByte = scanPickleBytes(fixture(name), { chunkSize: 1 })
      expect(byteByByte).toEqual(whole)
      expect(byteByByte.findings[0]?.severity).toBe('critical')
    }
  })

  it('skips a large BINBYTES8 payload without buffering it', () => {
    const payload = 256 * 1024 * 1024
    const ctx = new ScanContext(resolveLimits(undefined), 0)
    const sink = new PickleSink({ ctx, file: 'big.pkl' })
    const chunk = new Uint8Array(1 << 20)
    const before = process.memoryUsage().arrayBuffers
    sink.write(bytes([0x80, 0x04], shortUnicode('torch'), shortUnicode('FloatStorage'), STACK_GLOBAL, [0x8e], u64(payload), chunk.subarray(0, 5)))
    for (let sent = 5; sent < payload; sent += chunk.length) sink.write(chunk.subarray(0, Math.min(chunk.length, payload - sent)))
    sink.write(bytes(TUPLE1, '.'))
    sink.end()
    expect(ctx.findings).toEqual([])
    expect(ctx.globals).toEqual(['torch.FloatStorage'])
    // A buffered payload would show up as hundreds of MB of array buffers.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024)
  })
})
