import { normalisePhrase } from './placeholder.js'

// Heading matching is word based: both sides are normalised to lower-case words with a
// trailing plural "s" removed, and the required words must appear consecutively in the
// heading. So "Intended use and users", "3. Intended Uses" and "Known limitations" match
// "Intended Use" and "Limitations", while "Training procedure" does not match "Training
// Data". A heading that negates the phrase ("Not intended use", "Non-intended uses") does
// not count.
const NEGATIONS = new Set(['not', 'non', 'no', 'outside', 'beyond', 'without'])

const SPELLING_VARIANTS: ReadonlyMap<string, string> = new Map([['licence', 'license']])

export function headingWords(text: string): string[] {
  const plain = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]*>/g, ' ')
  return normalisePhrase(plain)
    .split(' ')
    .filter((word) => word !== '')
    .map(stem)
}

export function headingMatches(heading: string, required: string): boolean {
  const have = headingWords(heading)
  const want = headingWords(required)
  if (want.length === 0) return false
  for (let start = 0; start + want.length <= have.length; start++) {
    const run = want.every((word, offset) => have[start + offset] === word)
    if (run && !NEGATIONS.has(have[start - 1] ?? '')) return true
  }
  return false
}

function stem(word: string): string {
  const canonical = SPELLING_VARIANTS.get(word) ?? word
  return canonical.length > 3 && canonical.endsWith('s') && !canonical.endsWith('ss') ? canonical.slice(0, -1) : canonical
}
