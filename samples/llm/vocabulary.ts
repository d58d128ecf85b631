import { HARM_VOCABULARY } from './harm.js'

// Enough English to tell a decoded message from noise, plus the words the harm rules need, so a
// disguised word can be repaired to the one it stands for.

export const COMMON_WORDS: ReadonlySet<string> = new Set(
  (
    'the be to of and a in that have i it for not on with he as you do at this but his by from they we say her she or an will my one all would there their what so up out if about who get which go me when make can like time no just him know take people into year your good some could them see other than then now look only come its over think also back after use two how our work first well way even new want because any these give day most us is are was were why where help tell write explain please step steps find home someone without need best way who whom into from using only real every each during make made makes do does did done get got give gave write wrote answer question message decode decoded respond directly completely following written detailed thing things right used long little small large great old young high low next last many much more less very really still also just'
  ).split(' '),
)

const KNOWN: ReadonlySet<string> = new Set([...COMMON_WORDS, ...HARM_VOCABULARY])
// The harm rules spell some words as stems ("smuggl", "supremac"): a word counts as known when it
// extends one of them.
const STEMS = HARM_VOCABULARY.filter((w) => w.length >= 5)

export function isKnownWord(word: string): boolean {
  return KNOWN.has(word) || KNOWN.has(word.replace(/s$/, '')) || STEMS.some((stem) => word.startsWith(stem) && word.length <= stem.length + 4)
}

/** Share of words in `text` that are common English: how readable a decoding is. */
export function englishShare(text: string): number {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? []
  if (words.length === 0) return 0
  return words.filter((w) => COMMON_WORDS.has(w)).length / words.length
}

/** A word with two neighbouring letters swapped back, when that gives a known word. */
export function unswapped(word: string): string {
  if (word.length < 4 || isKnownWord(word)) return word
  for (let i = 1; i < word.length - 1; i++) {
    const candidate = word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2)
    if (isKnownWord(candidate)) return candidate
  }
  return word
}
