// Profanity and slurs through obscenity, which already undoes leetspeak, look-alike letters and
// stretched words ("fuuuck", "sh!t") and knows "Scunthorpe" and "assess" are fine. Its words are
// sorted here by how much they weigh: a slur is toxic on its own, "shit" is not, and anatomical
// words in a health answer should not be.
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity'
import type { ToxicityCategory } from './toxicity-lexicon.js'

const SLURS = new Set(['abo', 'abeed', 'africoon', 'arabush', 'boonga', 'chingchong', 'chink', 'dyke', 'fag', 'kike', 'negro', 'nigger', 'retard', 'spastic', 'tranny'])
const STRONG = new Set(['fuck', 'cunt', 'cock', 'dick', 'prick', 'pussy', 'twat', 'bitch', 'bastard', 'slut', 'whore', 'cuck', 'wank'])
const MILD = new Set(['arse', 'ass', 'bollocks', 'piss', 'shit', 'turd'])

// Names, idioms and technical terms the preset does not already allow.
const EXTRA_ALLOWED = [
  'dick cheney', 'moby dick', 'dick tracy', 'dick van dyke', 'cum laude', 'magna cum', 'summa cum', 'cockpit', 'cockatoo', 'cockatiel',
  'rapeseed', 'spastic colon', 'spastic paraplegia', 'spastic cerebral', 'penistone', 'tranny fluid', 'transmission fluid', 'dyke road', 'dyke march',
  'negro league', 'negro spiritual', 'negro college', 'fag end', 'retardant', 'retarder', 'sex education', 'sexual health', 'sex ed', 'same-sex',
  'sex chromosome', 'sex-linked', 'sex worker', 'sex trafficking', 'kung pao', 'shuttlecock', 'woodcock', 'gamecock', 'stopcock', 'ballcock',
  'fsck', 'tit for tat', 'titmouse', 'blue tit', 'great tit', '-fu', 'kung-fu',
]

// Obscenity reads digits and brackets as letters, which is how it catches "sh1t", but it also
// finds "n16" in a host name, "455" in a number and "(um" in a parenthesis. Matches inside
// technical tokens (addresses, paths, hex and other identifiers) or with too few real letters
// are not words anyone wrote.
function technicalToken(token: string): boolean {
  if (/[@/\\=]|:\/\/|^www\./i.test(token)) return true
  if ((token.match(/\./g) ?? []).length >= 2 && /\w\.\w/.test(token)) return true
  const core = token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
  if (/^[0-9a-f]{6,}$/i.test(core) && /\d/.test(core)) return true
  return core.length >= 8 && /\d/.test(core) && /\p{L}/u.test(core) && /\d.*\p{L}.*\d|\p{L}.*\d.*\p{L}/u.test(core)
}

function plausibleWord(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end)
  if ((span.match(/\p{L}/gu) ?? []).length < 2) return false
  if (/^[([{<]/.test(span)) return false
  const from = text.slice(0, start).search(/\S*$/)
  const to = end + (text.slice(end).match(/^\S*/)?.[0].length ?? 0)
  const token = text.slice(from, to)
  if (technicalToken(token)) return false
  // Inside a capitalised word that starts before the match: a surname ("Paddick", "Hancock").
  const word = /[\p{L}]*$/u.exec(text.slice(0, start))?.[0] ?? ''
  return !(word.length > 0 && /^\p{Lu}/u.test(word))
}

const built = englishDataset.build()
const matcher = new RegExpMatcher({
  blacklistedTerms: built.blacklistedTerms,
  whitelistedTerms: [...(built.whitelistedTerms ?? []), ...EXTRA_ALLOWED],
  ...englishRecommendedTransformers,
})

export interface ProfanityHit { word: string; category: ToxicityCategory; weight: number; start: number; end: number }

function classify(word: string): { category: ToxicityCategory; weight: number } {
  if (SLURS.has(word)) return { category: 'slur', weight: 0.7 }
  if (STRONG.has(word)) return { category: 'profanity', weight: 0.5 }
  if (MILD.has(word)) return { category: 'profanity', weight: 0.3 }
  if (word === 'rape') return { category: 'sexual', weight: 0.25 }
  return { category: 'sexual', weight: 0.15 }
}

export function findProfanity(text: string): ProfanityHit[] {
  const out: ProfanityHit[] = []
  for (const match of matcher.getAllMatches(text, true)) {
    const { phraseMetadata, startIndex, endIndex } = englishDataset.getPayloadWithPhraseMetadata(match)
    if (!plausibleWord(text, startIndex, endIndex + 1)) continue
    const word = phraseMetadata?.originalWord ?? text.slice(startIndex, endIndex + 1).toLowerCase()
    out.push({ word, ...classify(word), start: startIndex, end: endIndex + 1 })
  }
  return out
}
