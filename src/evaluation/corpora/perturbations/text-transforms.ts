// Encodings and character-level perturbations applied to prompts, injected instructions or
// requested outputs. Each transform names the canary-detector capabilities it needs; whether it
// breaks canary detection is derived from canaryRobustTo, so adding a transform the detector
// cannot see through marks it breaksCanary automatically, and the suite will not pair it with a
// canary check.
import { canaryRobustTo, type CanaryTransform } from '../../detectors/canary.js'
import type { Rng } from '../prng.js'

export type TransformId =
  | 'base64' | 'hex' | 'binary' | 'url_encoding' | 'html_entities' | 'rot13' | 'caesar3' | 'leetspeak' | 'upper_case'
  | 'alternating_case' | 'char_spacing' | 'punctuation_insertion' | 'homoglyph' | 'fullwidth' | 'accents' | 'zero_width'
  | 'reversed' | 'word_order_reversed' | 'pig_latin' | 'misspelling' | 'morse'

export interface TextTransform {
  id: TransformId
  // How to name the encoding to a model ("Decode this base64 …", "reply … in base64").
  description: string
  // Whether a reader (or model) needs to be told how to decode the result.
  needsDecoding: boolean
  requires: readonly CanaryTransform[]
  breaksCanary: boolean
  apply(text: string, rng: Rng): string
}

const bytes = (s: string) => [...Buffer.from(s, 'utf8')]

const LEET: Record<string, readonly string[]> = { a: ['4', '@'], e: ['3'], i: ['1', '!'], o: ['0'], s: ['5', '$'], t: ['7', '+'], b: ['8'], g: ['9'], l: ['1', '|'], z: ['2'] }

const HOMOGLYPHS: Record<string, string> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', i: 'і', j: 'ј', s: 'ѕ',
  A: 'А', B: 'В', C: 'С', E: 'Е', H: 'Н', K: 'К', M: 'М', O: 'О', P: 'Р', T: 'Т', X: 'Х', Y: 'У', Z: 'Ζ', N: 'Ν', I: 'І',
}

const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D', '\u2060']
const MARKS = ['\u0301', '\u0300', '\u0308', '\u0302']
const SEPARATORS = ['.', '-', '_', '*', '·']

const MORSE: Record<string, string> = {
  a: '.-', b: '-...', c: '-.-.', d: '-..', e: '.', f: '..-.', g: '--.', h: '....', i: '..', j: '.---', k: '-.-', l: '.-..', m: '--',
  n: '-.', o: '---', p: '.--.', q: '--.-', r: '.-.', s: '...', t: '-', u: '..-', v: '...-', w: '.--', x: '-..-', y: '-.--', z: '--..',
  '0': '-----', '1': '.----', '2': '..---', '3': '...--', '4': '....-', '5': '.....', '6': '-....', '7': '--...', '8': '---..', '9': '----.',
}

const shift = (s: string, n: number) =>
  s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97
    return String.fromCharCode(((c.charCodeAt(0) - base + n) % 26) + base)
  })

const eachLetter = (s: string, f: (c: string) => string) => s.replace(/\p{L}/gu, f)

function pigLatin(word: string): string {
  const m = /^([^aeiouAEIOU]*)([a-zA-Z]+)$/.exec(word)
  if (!m) return word
  return m[1] === '' ? `${word}way` : `${m[2]}${m[1]!.toLowerCase()}ay`
}

function misspell(word: string, rng: Rng): string {
  if (word.length < 4 || !/^\p{L}+$/u.test(word)) return word
  const i = rng.int(1, word.length - 3)
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)
}

type Spec = Omit<TextTransform, 'breaksCanary'>

const specs: Spec[] = [
  { id: 'base64', description: 'base64', needsDecoding: true, requires: ['base64'], apply: (t) => Buffer.from(t, 'utf8').toString('base64') },
  { id: 'hex', description: 'hexadecimal UTF-8 bytes', needsDecoding: true, requires: ['hex'], apply: (t, r) => bytes(t).map((b) => b.toString(16).padStart(2, '0')).join(r.chance(0.5) ? ' ' : '') },
  { id: 'binary', description: '8-bit binary, one byte per group', needsDecoding: true, requires: ['binary'], apply: (t) => bytes(t).map((b) => b.toString(2).padStart(8, '0')).join(' ') },
  { id: 'url_encoding', description: 'URL percent-encoding', needsDecoding: true, requires: ['url_encoding'], apply: (t) => bytes(t).map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('') },
  { id: 'html_entities', description: 'HTML numeric character references', needsDecoding: true, requires: ['html_entities'], apply: (t) => [...t].map((c) => `&#${c.codePointAt(0)};`).join('') },
  { id: 'rot13', description: 'ROT13', needsDecoding: true, requires: ['rot13'], apply: (t) => shift(t, 13) },
  { id: 'caesar3', description: 'a Caesar cipher with shift 3', needsDecoding: true, requires: ['caesar'], apply: (t) => shift(t, 3) },
  { id: 'leetspeak', description: 'leetspeak', needsDecoding: false, requires: ['leetspeak'], apply: (t, r) => t.replace(/[a-z]/gi, (c) => { const opts = LEET[c.toLowerCase()]; return opts && r.chance(0.8) ? r.pick(opts) : c }) },
  { id: 'upper_case', description: 'upper case', needsDecoding: false, requires: ['case'], apply: (t) => t.toUpperCase() },
  { id: 'alternating_case', description: 'alternating case', needsDecoding: false, requires: ['case'], apply: (t) => { let k = 0; return eachLetter(t, (c) => (k++ % 2 ? c.toUpperCase() : c.toLowerCase())) } },
  { id: 'char_spacing', description: 'a space between every character', needsDecoding: false, requires: ['spaced_letters', 'whitespace'], apply: (t) => t.split(/(\s+)/).map((w) => (/\s/.test(w) ? ' / ' : [...w].join(' '))).join('') },
  { id: 'punctuation_insertion', description: 'punctuation between letters', needsDecoding: false, requires: ['punctuation'], apply: (t, r) => t.replace(/(\p{L})(?=\p{L})/gu, (c) => (r.chance(0.5) ? c + r.pick(SEPARATORS) : c)) },
  { id: 'homoglyph', description: 'look-alike Unicode letters', needsDecoding: false, requires: ['homoglyph'], apply: (t, r) => t.replace(/[A-Za-z]/g, (c) => (HOMOGLYPHS[c] && r.chance(0.6) ? HOMOGLYPHS[c] : c)) },
  { id: 'fullwidth', description: 'fullwidth characters', needsDecoding: false, requires: ['fullwidth'], apply: (t) => t.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)) },
  { id: 'accents', description: 'accented letters', needsDecoding: false, requires: ['accents'], apply: (t, r) => t.replace(/[aeiouAEIOU]/g, (c) => c + r.pick(MARKS)) },
  { id: 'zero_width', description: 'invisible zero-width characters between letters', needsDecoding: false, requires: ['zero_width'], apply: (t, r) => [...t].map((c) => (r.chance(0.5) ? c + r.pick(ZERO_WIDTH) : c)).join('') },
  { id: 'reversed', description: 'reversed character order', needsDecoding: true, requires: ['reversed'], apply: (t) => [...t].reverse().join('') },
  { id: 'word_order_reversed', description: 'reversed word order', needsDecoding: true, requires: [], apply: (t) => t.split(/\s+/).reverse().join(' ') },
  { id: 'pig_latin', description: 'Pig Latin', needsDecoding: true, requires: ['pig_latin'], apply: (t) => t.replace(/[A-Za-z]+/g, pigLatin) },
  { id: 'misspelling', description: 'misspelled words', needsDecoding: false, requires: ['misspelling'], apply: (t, r) => t.replace(/\p{L}+/gu, (w) => (r.chance(0.5) ? misspell(w, r) : w)) },
  { id: 'morse', description: 'Morse code', needsDecoding: true, requires: ['morse'], apply: (t) => t.toLowerCase().split(/\s+/).map((w) => [...w].map((c) => MORSE[c] ?? '').filter(Boolean).join(' ')).join(' / ') },
]

export const textTransforms: readonly TextTransform[] = specs.map((s) => ({ ...s, breaksCanary: !s.requires.every((k) => canaryRobustTo.includes(k)) }))

export function transformById(id: TransformId): TextTransform {
  const t = textTransforms.find((x) => x.id === id)
  if (!t) throw new RangeError(`unknown transform ${id}`)
  return t
}
