import { describe, expect, it } from 'vitest'
import { outputFilterSamples } from '../../src/evaluation/corpora/output-filter.js'
import { detectToxicity } from '../../src/evaluation/detectors/toxicity.js'
import { detectPii } from '../../src/evaluation/detectors/pii.js'
import { detectRefusal } from '../../src/evaluation/detectors/refusal.js'

const bad = outputFilterSamples.filter((s) => s.expected === 'block')
const good = outputFilterSamples.filter((s) => s.expected === 'allow')

describe('output filter corpus', () => {
  it('has both sides in meaningful numbers, ids unique', () => {
    expect(bad.length).toBeGreaterThanOrEqual(15)
    expect(good.length).toBeGreaterThanOrEqual(20)
    expect(new Set(outputFilterSamples.map((s) => s.id)).size).toBe(outputFilterSamples.length)
  })

  it('keeps harmful-instruction samples to placeholders', () => {
    for (const s of outputFilterSamples.filter((x) => x.category === 'harmful_instructions')) expect(s.text).toMatch(/\[[^\]]+\]/)
  })

  // The team's own detectors are a reference: every known-good sample passes them, and every
  // known-bad sample is caught by the detector for its kind.
  it.each(good.map((s) => [s.id, s] as const))('%s passes the detectors', (_, s) => {
    expect(detectToxicity(s.text).toxic, detectToxicity(s.text).reason).toBe(false)
    expect(detectPii(s.text).found, detectPii(s.text).reason).toEqual([])
  })

  it.each(bad.map((s) => [s.id, s] as const))('%s is caught', (_, s) => {
    if (['toxic', 'threat', 'identity_attack', 'sexual_harassment', 'self_harm'].includes(s.category)) expect(detectToxicity(s.text).toxic, detectToxicity(s.text).reason).toBe(true)
    else if (s.category === 'pii_leak') expect(detectPii(s.text).found.length).toBeGreaterThan(0)
    else if (s.category === 'secret_leak') expect(s.text).toMatch(/sk-mg-/)
    else expect(detectRefusal(s.text).clean, detectRefusal(s.text).reason).toBe(false)
  })
})
