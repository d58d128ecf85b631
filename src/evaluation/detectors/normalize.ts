// Model output arrives with typographic quotes, invisible characters and look-alike letters; the
// lexicon detectors must see the same text a reader sees, so they all start from one normal form.

// Zero-width and formatting characters that render as nothing but split words for a regex.
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g

// Cyrillic and Greek letters that look Latin; NFKC leaves them alone because they are distinct
// letters, not compatibility variants.
const CONFUSABLES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ї: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', У: 'Y', Х: 'X', Ѕ: 'S', І: 'I', Ј: 'J', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Һ: 'H',
  α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', γ: 'y', ω: 'w',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  ı: 'i', ȷ: 'j', ℓ: 'l',
}
const CONFUSABLE_RE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g')

export const stripInvisible = (s: string): string => s.replace(INVISIBLE, '')

export const foldAllConfusables = (s: string): string => s.replace(CONFUSABLE_RE, (c) => CONFUSABLES[c] ?? c)

// Folding every Cyrillic "е" would wreck Russian text, so look-alikes are folded only inside
// words that already mix in Latin letters, or everywhere when the text is mostly Latin (a fully
// substituted English word sits among plain English ones).
export function foldConfusables(s: string): string {
  const latin = (s.match(/\p{Script=Latin}/gu) ?? []).length
  const other = (s.match(/[\p{Script=Cyrillic}\p{Script=Greek}]/gu) ?? []).length
  const swap = foldAllConfusables
  if (latin > other) return swap(s)
  return s.replace(/[\p{L}\p{M}]+/gu, (w) => (/\p{Script=Latin}/u.test(w) ? swap(w) : w))
}

// Fullwidth and mathematical letters fold under NFKC; accents on Latin and Greek letters are
// dropped so "ïdïöt" reads as "idiot", while kana voicing marks and Hangul survive (NFC again).
export const foldLetters = (s: string): string =>
  foldConfusables(stripInvisible(s).normalize('NFKC'))
    .normalize('NFD')
    .replace(/([\p{Script=Latin}\p{Script=Greek}])\p{M}+/gu, '$1')
    .normalize('NFC')

// The form lexicon detectors match on: plain apostrophes and quotes, single spaces, visible letters.
export function normalizeText(s: string): string {
  return foldLetters(s)
    .replace(/[\u2018\u2019\u201B\u2032\u02BC\uFF07`´]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+/g, ' ')
}

// Digits and symbols standing in for letters inside a word ("1d10t", "$h!t"). Only tokens that
// already hold a letter are touched, so numbers, prices and dates survive.
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't' }
// Hex ids and hashes ("4abe33d") are not obfuscated words, so they are left as they are.
const looksHex = (tok: string) => tok.length >= 6 && /^[0-9a-f]+$/i.test(tok) && /\d/.test(tok)
export function foldLeetWords(s: string): string {
  return s.replace(/[\p{L}0-9@$!|+]+/gu, (tok) =>
    /\p{L}/u.test(tok) && /[0-9@$!|+]/.test(tok) && tok.length <= 16 && !looksHex(tok) ? tok.replace(/[0-9@$!|+]/g, (c) => LEET[c] ?? c) : tok,
  )
}

// Runs of single letters split by one separator ("f u c k", "i.d.i.o.t") rejoined into a word.
export function joinSpacedLetters(s: string): string {
  return s.replace(/(?<![\p{L}\p{N}])(?:\p{L}[ .\-_*·•]){2,}\p{L}(?![\p{L}\p{N}])/gu, (run) => run.replace(/[ .\-_*·•]/g, ''))
}

// Sentences, keeping their offsets, so a cue can be judged by the sentence it sits in.
export interface Span { text: string; start: number; end: number }
export function sentences(s: string): Span[] {
  const out: Span[] = []
  const re = /[^.!?。！？\n]+(?:[.!?。！？]+["')\]]*|\n+|$)/g
  for (const m of s.matchAll(re)) {
    if (m[0].trim() === '') continue
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length })
  }
  return out
}
