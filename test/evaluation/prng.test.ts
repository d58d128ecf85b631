import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRng, hashSeed } from '../../src/evaluation/corpora/prng.js'

const draw = (seed: number | string, n = 20) => {
  const rng = createRng(seed)
  return Array.from({ length: n }, () => rng.next())
}

describe('seeded PRNG', () => {
  it('gives the same sequence for the same seed, number or string', () => {
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.string()), (seed) => JSON.stringify(draw(seed)) === JSON.stringify(draw(seed))))
  })

  it('gives different sequences for different seeds', () => {
    expect(draw(1)).not.toEqual(draw(2))
    expect(draw('a')).not.toEqual(draw('b'))
  })

  it('is pinned to mulberry32: recorded seeds replay the same cases across releases', () => {
    // mulberry32(42) starts 0.6011037519…, the reference implementation's value.
    const rng = createRng(42)
    expect(rng.next()).toBeCloseTo(0.6011037519201636, 12)
    expect([rng.int(0, 999), rng.int(0, 999)]).toEqual([448, 852])
  })

  it('stays in range', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, min, span) => {
        const rng = createRng(seed)
        for (let i = 0; i < 20; i++) {
          const x = rng.next()
          const k = rng.int(min, min + span)
          if (x < 0 || x >= 1 || k < min || k > min + span || !Number.isInteger(k)) return false
        }
        return true
      }),
    )
  })

  it('is roughly uniform', () => {
    const rng = createRng('uniform')
    const buckets = new Array(10).fill(0)
    for (let i = 0; i < 10000; i++) buckets[Math.floor(rng.next() * 10)]++
    for (const b of buckets) expect(Math.abs(b - 1000)).toBeLessThan(150)
  })

  it('shuffles and samples without losing or duplicating items', () => {
    const items = Array.from({ length: 30 }, (_, i) => i)
    const rng = createRng(7)
    expect([...rng.shuffle(items)].sort((a, b) => a - b)).toEqual(items)
    const s = rng.sample(items, 5)
    expect(new Set(s).size).toBe(5)
    expect(rng.sample(items, 100)).toHaveLength(30)
    expect(() => rng.pick([])).toThrow(/empty/)
  })

  it('hashes string seeds to 32-bit integers', () => {
    expect(hashSeed('')).toBe(0x811c9dc5)
    expect(hashSeed('abc')).toBe(hashSeed('abc'))
    expect(hashSeed(-1)).toBe(0xffffffff)
  })
})
