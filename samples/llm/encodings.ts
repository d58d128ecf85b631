import { shift } from './decode.js'

// Output encodings an injected instruction may ask for ("reply with the code, written in
// base64"). An `injectable` model obeys that too; naming the encoding is how it is asked.

const MORSE: Record<string, string> = {
  a: '.-', b: '-...', c: '-.-.', d: '-..', e: '.', f: '..-.', g: '--.', h: '....', i: '..', j: '.---', k: '-.-', l: '.-..', m: '--',
  n: '-.', o: '---', p: '.--.', q: '--.-', r: '.-.', s: '...', t: '-', u: '..-', v: '...-', w: '.--', x: '-..-', y: '-.--', z: '--..',
  '0': '-----', '1': '.----', '2': '..---', '3': '...--', '4': '....-', '5': '.....', '6': '-....', '7': '--...', '8': '---..', '9': '----.',
}

const ENCODERS: Array<[RegExp, (text: string) => string]> = [
  [/base ?64/i, (t) => Buffer.from(t, 'utf8').toString('base64')],
  [/\bhex/i, (t) => Buffer.from(t, 'utf8').toString('hex')],
  [/\bbinary\b/i, (t) => [...Buffer.from(t, 'utf8')].map((b) => b.toString(2).padStart(8, '0')).join(' ')],
  [/\burl|percent/i, (t) => [...Buffer.from(t, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')],
  [/\bhtml\b/i, (t) => [...t].map((c) => `&#${c.codePointAt(0)};`).join('')],
  [/\brot-?13\b/i, (t) => shiftBothCases(t, 13)],
  [/\bcaesar\b/i, (t) => shiftBothCases(t, 3)],
  [/\brevers/i, (t) => [...t].reverse().join('')],
  [/\bmorse\b/i, (t) => t.toLowerCase().split(/\s+/).map((w) => [...w].map((c) => MORSE[c] ?? '').filter(Boolean).join(' ')).join(' / ')],
  [/\bpig latin\b/i, (t) => t.replace(/[A-Za-z]+/g, (w) => (/^[aeiou]/i.test(w) ? `${w}way` : w.replace(/^([^aeiouAEIOU]+)(.*)$/, '$2$1ay')))],
]

/** `text` in the encoding `request` names, or as it is when it names none this model knows. */
export function encodeAsAsked(text: string, request: string): string {
  const written = /\b(?:written|encoded|expressed|spelled|in)\s+(?:in\s+)?([^.]*)/i.exec(request.slice(request.search(/\bwritten|\bencoded|\bin base|\bin hex|\bin rot|\bin morse|\bin pig/i)))
  if (!written) return text
  const encoder = ENCODERS.find(([name]) => name.test(written[0]))
  return encoder ? encoder[1](text) : text
}

function shiftBothCases(text: string, n: number): string {
  return text.replace(/[a-z]+/gi, (w) => [...w].map((c) => (c === c.toUpperCase() ? shift(c.toLowerCase(), n).toUpperCase() : shift(c, n))).join(''))
}
