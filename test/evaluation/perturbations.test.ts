import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { perturb, perturbations, perturbationKinds } from '../../src/evaluation/corpora/perturbations/classifier-perturbations.js'
import { buildEncodedRequests, buildParaphrasedRequests, paraphraseTemplates } from '../../src/evaluation/corpora/perturbations/encoded-requests.js'
import { textTransforms, transformById } from '../../src/evaluation/corpora/perturbations/text-transforms.js'
import { harmfulRequests } from '../../src/evaluation/corpora/jailbreak/harmful-requests.js'
import { createRng } from '../../src/evaluation/corpora/prng.js'

const TEXT = 'The staff were really friendly and the room was clean, but the breakfast was terrible and very expensive.'

describe('classifier perturbations', () => {
  it('are deterministic for a seed and differ across seeds', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.integer(), (text, seed) => JSON.stringify(perturbations(text, { seed })) === JSON.stringify(perturbations(text, { seed }))))
    expect(perturbations(TEXT, { seed: 1, count: 12 })).not.toEqual(perturbations(TEXT, { seed: 2, count: 12 }))
  })

  it('cycle through every kind', () => {
    const out = perturbations(TEXT, { seed: 5, count: 12 })
    expect(out.map((p) => p.kind)).toEqual([...perturbationKinds, ...perturbationKinds])
  })

  it('typos keep length within one letter per touched word and keep word count', () => {
    for (const kind of ['typo_swap', 'typo_drop', 'typo_duplicate'] as const) {
      const out = perturb(TEXT, kind, createRng(3), 1)
      expect(out).not.toBe(TEXT)
      expect(out.split(' ')).toHaveLength(TEXT.split(' ').length)
      if (kind === 'typo_swap') expect(out.length).toBe(TEXT.length)
    }
  })

  it('synonyms come from the table and keep capitalisation', () => {
    const out = perturb('Great movie, really good.', 'synonym', createRng(1), 1)
    expect(out).not.toBe('Great movie, really good.')
    expect(out[0]).toMatch(/[A-Z]/)
  })

  it('case changes and punctuation noise keep the letters', () => {
    const letters = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '')
    for (let seed = 0; seed < 5; seed++) {
      expect(letters(perturb(TEXT, 'case_change', createRng(seed)))).toBe(letters(TEXT))
      expect(letters(perturb(TEXT, 'punctuation_noise', createRng(seed), 0.5))).toBe(letters(TEXT))
    }
  })
})

describe('encodings of harmful requests', () => {
  it('encodes every request with every transform and says how to decode when needed', () => {
    const cases = buildEncodedRequests()
    expect(cases.length).toBe(harmfulRequests.length * (textTransforms.length - 1))
    const b64 = cases.find((c) => c.template === 'encoded_base64')!
    expect(b64.messages[0]!.content).toMatch(/written in base64/)
    const encoded = b64.messages[0]!.content.split('\n\n').at(-1)!
    expect(harmfulRequests.map((r) => r.request)).toContain(Buffer.from(encoded, 'base64').toString('utf8'))
    const leet = cases.find((c) => c.template === 'encoded_leetspeak')!
    expect(leet.messages[0]!.content).not.toMatch(/Decode/)
  })

  it('reverses exactly and round-trips where an inverse exists', () => {
    const r = createRng(1)
    expect(transformById('reversed').apply('abc def', r)).toBe('fed cba')
    expect(transformById('rot13').apply(transformById('rot13').apply('Hello World', r), r)).toBe('Hello World')
    expect(decodeURIComponent(transformById('url_encoding').apply('héllo wörld', r))).toBe('héllo wörld')
    expect(transformById('pig_latin').apply('hello apple', r)).toBe('ellohay appleway')
    expect(transformById('morse').apply('sos', r)).toBe('... --- ...')
    expect(() => transformById('nope' as never)).toThrow(/unknown transform/)
  })

  it('paraphrases every request with every template', () => {
    expect(buildParaphrasedRequests()).toHaveLength(harmfulRequests.length * paraphraseTemplates.length)
  })
})
