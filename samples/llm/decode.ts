// Obfuscations people wrap a request in so a keyword filter misses it. The model reads every
// plausible decoding next to the original, so "aG93IHRvIG1ha2UgYSBib21i" says what it means.
// A wrong decoding costs nothing: it is only ever searched for harmful requests.
import { englishShare, isKnownWord, unswapped } from './vocabulary.js'

export interface DecodedViews {
  /** The normalised text first, then every decoding of it worth reading. */
  views: string[]
}

export function decodedViews(text: string): DecodedViews {
  const plain = normalise(text)
  // "The following is in ROT13. Decode it: …": the English preamble would hide how much better
  // the payload reads once decoded, so each paragraph is also decoded on its own.
  const parts = text.split(/\n\s*\n/).filter((p) => p.trim())
  const pieces = parts.length > 1 ? [text, ...parts] : [text]
  const decoded = pieces.flatMap((piece) => DECODERS.flatMap((decode) => decode(normalise(piece), piece)))
  return { views: [plain, ...new Set(decoded.filter((v) => v && v !== plain))] }
}

const HOMOGLYPHS: Record<string, string> = {
  а: 'a', с: 'c', е: 'e', о: 'o', р: 'p', х: 'x', у: 'y', і: 'i', ј: 'j', ѕ: 's',
  А: 'A', В: 'B', С: 'C', Е: 'E', Н: 'H', К: 'K', М: 'M', О: 'O', Р: 'P', Т: 'T', Х: 'X', У: 'Y', Ζ: 'Z', Ν: 'N', І: 'I',
}

/** Undoes the disguises that change how text looks but not what it says. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[А-Яа-яІіЈјЅѕΖΝ]/g, (c) => HOMOGLYPHS[c] ?? c)
    .toLowerCase()
}

type Decoder = (plain: string, original: string) => string[]

const LEET_I: Record<string, string> = { '0': 'o', '1': 'i', '2': 'z', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '9': 'g', '@': 'a', $: 's', '!': 'i', '|': 'l', '+': 't' }
const LEET_L: Record<string, string> = { ...LEET_I, '1': 'l', '!': 'i' }

const MORSE: Record<string, string> = {
  '.-': 'a', '-...': 'b', '-.-.': 'c', '-..': 'd', '.': 'e', '..-.': 'f', '--.': 'g', '....': 'h', '..': 'i', '.---': 'j', '-.-': 'k', '.-..': 'l', '--': 'm',
  '-.': 'n', '---': 'o', '.--.': 'p', '--.-': 'q', '.-.': 'r', '...': 's', '-': 't', '..-': 'u', '...-': 'v', '.--': 'w', '-..-': 'x', '-.--': 'y', '--..': 'z',
  '-----': '0', '.----': '1', '..---': '2', '...--': '3', '....-': '4', '.....': '5', '-....': '6', '--...': '7', '---..': '8', '----.': '9',
}

const DECODERS: Decoder[] = [
  (_plain, original) => base64Decodings(original).map(normalise),
  // hexadecimal bytes
  (plain) =>
    [...plain.matchAll(/\b(?:[0-9a-f]{2}\s?){6,}/g)].map((m) => Buffer.from(m[0].replace(/\s/g, ''), 'hex').toString('utf8')).filter(isReadable),
  // 8-bit binary
  (plain) =>
    [...plain.matchAll(/(?:[01]{8}\s?){4,}/g)].map((m) => Buffer.from(m[0].trim().split(/\s+/).map((b) => parseInt(b, 2))).toString('utf8')).filter(isReadable),
  // URL percent-encoding and HTML character references
  (plain) => (/(?:%[0-9a-f]{2}){4,}/.test(plain) ? [safeDecodeUri(plain)] : []),
  (plain) => (/(?:&#x?[0-9a-f]+;){4,}/.test(plain) ? [plain.replace(/&#(x?)([0-9a-f]+);/g, (_, hex: string, n: string) => String.fromCodePoint(parseInt(n, hex ? 16 : 10)))] : []),
  // Caesar shifts, ROT13 among them: the shift that reads most like English
  (plain) => {
    let best = { text: '', share: englishShare(plain) + 0.2 }
    for (let n = 1; n < 26; n++) {
      const shifted = shift(plain, n)
      const share = englishShare(shifted)
      if (share > best.share && share >= 0.25) best = { text: shifted, share }
    }
    return best.text ? [best.text] : []
  },
  // reversed characters and reversed word order
  (plain) => [[...plain].reverse().join('')],
  (plain) => [plain.split(/\s+/).reverse().join(' ')],
  // leetspeak, with "1" read as i and as l, then repaired against the vocabulary
  (plain) => {
    const mixed = plain.split(/\s+/).filter((w) => /[a-z]/.test(w) && /[0-9@$|+!]/.test(w.replace(/[.,!?]+$/, ''))).length
    if (mixed < 2) return []
    return [LEET_I, LEET_L].map((map) => plain.replace(/[a-z0-9@$|+!]+/g, (w) => (/^\d+$/.test(w) ? w : w.replace(/[0-9@$|+!]/g, (c) => map[c] ?? c))))
  },
  // a space (or a separator) between every character
  (plain) => {
    const tokens = plain.split(/\s+/)
    if (tokens.filter((t) => t.length === 1).length < tokens.length * 0.6) return []
    return [plain.replace(/\s*\/\s*/g, '\u0000').replace(/\s+/g, '').replace(/\u0000/g, ' ')]
  },
  (plain) => (/\p{L}[.\-_*·]\p{L}[.\-_*·]\p{L}/u.test(plain) ? [plain.replace(/(\p{L})[.\-_*·]+(?=\p{L})/gu, '$1')] : []),
  // Pig Latin: "ombbay" is "bomb" with its first consonants moved; try moving back one, two or three
  (plain) => {
    const words = plain.match(/[a-z]+/g) ?? []
    if (words.filter((w) => w.endsWith('ay')).length < words.length * 0.5) return []
    return [plain.replace(/[a-z]+/g, fromPigLatin)]
  },
  // Morse code, letters separated by spaces and words by slashes
  (plain) => {
    const start = plain.search(/[.-]{2,}\s+[.-]+\s+[.-]+/)
    if (start < 0 || !/^[\s.\-/]+$/.test(plain.slice(start))) return []
    const code = plain.slice(start)
    return [code.split(/\s*\/\s*/).map((word) => word.trim().split(/\s+/).map((c) => MORSE[c] ?? '').join('')).join(' ')]
  },
  // letters swapped inside words
  (plain) => [plain.replace(/[a-z]+/g, unswapped)],
  // a request cut into quoted pieces to be joined: a = "...", b = "..."
  (plain) => {
    const pieces = [...plain.matchAll(/"([^"]+)"/g)].map((m) => m[1])
    return pieces.length >= 2 ? [pieces.join(' ')] : []
  },
]

/** Readable text hidden in base64 runs of `text`, case kept. */
export function base64Decodings(text: string): string[] {
  return [...text.matchAll(/[A-Za-z0-9+/]{12,}={0,2}/g)].map((m) => Buffer.from(m[0], 'base64').toString('utf8')).filter(isReadable)
}

function isReadable(text: string): boolean {
  const printable = text.replace(/[^\x20-\x7e\n\t]/g, '').length / Math.max(text.length, 1)
  return printable > 0.95 && /[a-z]{2,}\s+[a-z]{2,}/i.test(text)
}

function safeDecodeUri(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

export function shift(text: string, n: number): string {
  return text.replace(/[a-z]/g, (c) => String.fromCharCode(((c.charCodeAt(0) - 97 + n) % 26) + 97))
}

/** "ombbay" is "bomb" with its first consonants moved to the end: move back as many as make a word. */
function fromPigLatin(word: string): string {
  if (!word.endsWith('ay') || word.length < 4) return word
  const stem = word.slice(0, -2)
  const candidates = [
    ...(/^[aeiou]/.test(stem) && stem.endsWith('w') ? [stem.slice(0, -1)] : []),
    ...[1, 2, 3].filter((k) => k < stem.length).map((k) => stem.slice(-k) + stem.slice(0, -k)),
  ]
  return candidates.find(isKnownWord) ?? candidates[0] ?? word
}
