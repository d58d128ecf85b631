// Label-preserving perturbations of classifier inputs: typos, case changes, synonym swaps and
// punctuation noise (the character- and word-level attacks of TextBugger and TextFooler, without
// the model queries). Deterministic for a given seed so a failing case can be replayed.
import { createRng, type Rng } from '../prng.js'
import { SYNONYMS } from './synonyms.js'

export type PerturbationKind = 'typo_swap' | 'typo_drop' | 'typo_duplicate' | 'case_change' | 'synonym' | 'punctuation_noise'

export const perturbationKinds: readonly PerturbationKind[] = ['typo_swap', 'typo_drop', 'typo_duplicate', 'case_change', 'synonym', 'punctuation_noise']

// Only words this long get typos: mangling "a" or "is" changes nothing a reader notices.
const MIN_TYPO_LEN = 4
const NOISE = ['!', '?', '...', ',', ';', ' -', '!!', '*']

const matchCase = (model: string, word: string) =>
  model === model.toUpperCase() && model.length > 1 ? word.toUpperCase() : model[0] === model[0]?.toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word

function onWords(text: string, rate: number, rng: Rng, f: (w: string) => string): string {
  return text.replace(/\p{L}[\p{L}']*/gu, (w) => (rng.chance(rate) ? f(w) : w))
}

function typo(kind: 'typo_swap' | 'typo_drop' | 'typo_duplicate', w: string, rng: Rng): string {
  if (w.length < MIN_TYPO_LEN) return w
  const i = rng.int(1, w.length - 2)
  if (kind === 'typo_swap') return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2)
  if (kind === 'typo_drop') return w.slice(0, i) + w.slice(i + 1)
  return w.slice(0, i) + w[i] + w.slice(i)
}

export function perturb(text: string, kind: PerturbationKind, rng: Rng, rate = 0.15): string {
  switch (kind) {
    case 'typo_swap':
    case 'typo_drop':
    case 'typo_duplicate':
      return onWords(text, rate, rng, (w) => typo(kind, w, rng))
    case 'case_change': {
      const mode = rng.int(0, 2)
      if (mode === 0) return text.toLowerCase()
      if (mode === 1) return text.toUpperCase()
      return onWords(text, Math.max(rate, 0.3), rng, (w) => (w === w.toUpperCase() ? w.toLowerCase() : w.toUpperCase()))
    }
    case 'synonym':
      return text.replace(/\p{L}+/gu, (w) => {
        const options = SYNONYMS[w.toLowerCase()]
        return options && rng.chance(Math.max(rate, 0.5)) ? matchCase(w, rng.pick(options)) : w
      })
    case 'punctuation_noise':
      return text.replace(/(\p{L})(\s)/gu, (m, c: string, s: string) => (rng.chance(rate) ? `${c}${rng.pick(NOISE)}${s}` : m))
  }
}

export interface Perturbed { kind: PerturbationKind; text: string }

// `count` perturbed variants of one input, cycling through the kinds; the same seed and input
// always give the same variants.
export function perturbations(text: string, options: { seed?: number | string; count?: number; kinds?: readonly PerturbationKind[]; rate?: number } = {}): Perturbed[] {
  const kinds = options.kinds ?? perturbationKinds
  const count = options.count ?? kinds.length
  const out: Perturbed[] = []
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length]!
    const rng = createRng(`${options.seed ?? 'perturb'}:${i}:${text}`)
    out.push({ kind, text: perturb(text, kind, rng, options.rate) })
  }
  return out
}
