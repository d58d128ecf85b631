import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createArtifactScanner, type ScanReport } from '../../src/artifacts/index.js'
import { fixture } from './helpers/fixtures.js'

function scanWhole(bytes: Uint8Array): ScanReport {
  const scanner = createArtifactScanner({ filename: 'input' })
  scanner.write(bytes)
  return scanner.end()
}

/**
 * Feeds the bytes through one Node Buffer that is overwritten after every write, as a reader with
 * a reused buffer does: anything the scanner kept without copying would be corrupted.
 */
function scanInChunks(bytes: Uint8Array, sizes: number[]): ScanReport {
  const scanner = createArtifactScanner({ filename: 'input' })
  const shared = Buffer.alloc(Math.max(...sizes, 1))
  let at = 0
  let i = 0
  while (at < bytes.length) {
    const size = Math.min(sizes[i++ % sizes.length] as number, bytes.length - at)
    shared.set(bytes.subarray(at, at + size))
    scanner.write(shared.subarray(0, size))
    shared.fill(0xa5)
    at += size
  }
  return scanner.end()
}

/**
 * A report with no findings must describe a complete pickle whose every import is allowed (or
 * data that cannot run code: a JSON config with nothing Keras would import, plain HDF5).
 */
function expectFindingsUnlessSafePickle(report: ScanReport): void {
  if (report.findings.length > 0) return
  expect(['pickle', 'json', 'hdf5']).toContain(report.format)
  for (const judgement of report.imports) expect(judgement.verdict).toBe('allowed')
}

const benign = [0, 1, 2, 3, 4, 5].map((p) => fixture(`benign_p${p}.pkl`))

/** Larger than the format sniffer's first read, so most of it reaches the pickle scanner directly. */
const longPickle = Uint8Array.from(
  `(lp0\n${Array.from({ length: 300 }, (_, i) => `Vitem${i}\np${i + 1}\na`).join('')}ccollections\nOrderedDict\n(tRa.`,
  (c) => c.charCodeAt(0),
)
const archives = ['torch_state_dict.pt', 'arrays.npz', 'lambda.keras', 'good.safetensors', 'joblib_inline_array.joblib', 'array_f4.npy'].map(fixture)

type Mutation = { kind: 'flip' | 'insert' | 'delete'; at: number; value: number } | { kind: 'truncate'; at: number; value: number }

function mutate(source: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(source)
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length
    if (m.kind === 'flip') bytes[at] = m.value
    else if (m.kind === 'insert') bytes.splice(at, 0, m.value)
    else if (m.kind === 'delete') bytes.splice(at, 1)
    else bytes = bytes.slice(0, at)
  }
  return Uint8Array.from(bytes)
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('flip', 'flip', 'flip', 'insert', 'delete', 'truncate'),
  at: fc.nat(),
  value: fc.integer({ min: 0, max: 255 }),
}) as fc.Arbitrary<Mutation>

const chunkSizes = fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 })

describe('hostile input never crashes the scanner and never passes as clean garbage', () => {
  it('random byte strings', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expectFindingsUnlessSafePickle(scanWhole(bytes))
      }),
      { numRuns: 2000 },
    )
  })

  it('random bytes behind each format\'s magic, so every scanner sees garbage', () => {
    const magics = [
      [0x50, 0x4b, 0x03, 0x04], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00], [0x80, 0x02], [0x80, 0x04, 0x95],
      [0x1f, 0x8b, 0x08], [0x78, 0x9c], [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19],
      [0x10, 0, 0, 0, 0, 0, 0, 0, 0x7b],
    ]
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 400 }), (magic, rest) => {
        expectFindingsUnlessSafePickle(scanWhole(Uint8Array.from([...magic, ...rest])))
      }),
      { numRuns: 2000 },
    )
  })

  it('mutated benign pickles', () => {
    fc.assert(
      fc.property(fc.constantFrom(...benign), fc.array(mutation, { minLength: 1, maxLength: 6 }), (source, mutations) => {
        expectFindingsUnlessSafePickle(scanWhole(mutate(source, mutations)))
      }),
      { numRuns: 2000 },
    )
  })

  it('mutated archives and tensor files do not crash the scanner', () => {
    fc.assert(
      fc.property(fc.constantFrom(...archives), fc.array(mutation, { minLength: 1, maxLength: 4 }), (source, mutations) => {
        const report = scanWhole(mutate(source, mutations))
        expect(report.sha256).toMatch(/^[0-9a-f]{64}$/)
      }),
      { numRuns: 1000 },
    )
  })
})

describe('chunk boundaries never change the verdict', () => {
  it('mutated pickles and archives, split at random points', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...benign, ...archives, longPickle, fixture('evil_eval_stack_global_p4.pkl'), fixture('nested_evil.zip')),
        fc.array(mutation, { maxLength: 3 }),
        chunkSizes,
        (source, mutations, sizes) => {
          const bytes = mutate(source, mutations)
          expect(scanInChunks(bytes, sizes)).toEqual(scanWhole(bytes))
        },
      ),
      { numRuns: 1000 },
    )
  })
})
