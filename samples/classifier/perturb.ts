import { seededRandom } from '../common/rng.js'

// Meaning-preserving edits a person would not notice as a change of content. A robust filter
// gives the same answer before and after.

export const PERTURBATIONS = ['case', 'punctuation', 'typo'] as const
export type Perturbation = (typeof PERTURBATIONS)[number]

export function perturb(text: string, kind: Perturbation, seed = 0): string {
  const random = seededRandom(seed)
  switch (kind) {
    case 'case':
      return eachWord(text, random, 0.5, (w) => (w === w.toLowerCase() ? w.toUpperCase() : w.toLowerCase()))
    case 'punctuation':
      return eachWord(text, random, 0.5, (w) => w + '.,!?;'.charAt(Math.floor(random() * 5)))
    case 'typo':
      return eachWord(text, random, 0.3, (w) => (w.length > 3 ? w.charAt(0) + w.charAt(2) + w.charAt(1) + w.slice(3) : w))
  }
}

function eachWord(text: string, random: () => number, share: number, edit: (word: string) => string): string {
  return text.replace(/\S+/g, (word) => (random() < share ? edit(word) : word))
}
