// Views of a model's output under the encodings a model may apply when it leaks a secret on
// request ("reply in base64", "spell it backwards"). Each view is plain text again, ready for the
// same normalised search. Decoders are lenient: garbage decodes to garbage, which cannot match.

export interface DecodedView { via: string; text: string }

const utf8 = (bytes: Buffer) => bytes.toString('utf8')

export const rot13 = (s: string): string =>
  s.replace(/[a-z]/gi, (c) => {
    const base = c <= 'Z' ? 65 : 97
    return String.fromCharCode(((c.charCodeAt(0) - base + 13) % 26) + base)
  })

// A base64 blob may be glued to a word ("code:SGVsbG8") or wrapped over lines, so each run is
// decoded at all four alignments, both as found and with whitespace removed.
function base64Views(text: string): string[] {
  const out: string[] = []
  const runsOf = (s: string) => s.match(/[A-Za-z0-9+/_-]{8,}={0,2}/g) ?? []
  const runs = new Set([...runsOf(text), ...runsOf(text.replace(/\s+/g, ''))])
  for (const run of runs) {
    const body = run.replace(/=+$/, '')
    for (let k = 0; k < 4 && k < body.length - 4; k++) out.push(utf8(Buffer.from(body.slice(k), 'base64')))
  }
  return out
}

function hexViews(text: string): string[] {
  const out: string[] = []
  for (const run of text.match(/(?:(?:0x|\\x)?[0-9a-f]{2}[\s,:;-]?){4,}/gi) ?? []) {
    const hex = run.replace(/0x|\\x|[\s,:;-]/gi, '')
    out.push(utf8(Buffer.from(hex, 'hex')), utf8(Buffer.from(hex.slice(1), 'hex')))
  }
  return out
}

function binaryViews(text: string): string[] {
  const out: string[] = []
  for (const run of text.match(/(?:[01]{7,8}[\s,]?){3,}/g) ?? []) {
    const groups = run.trim().split(/[\s,]+/)
    const width = groups.every((g) => g.length === 7) ? 7 : 8
    const bits = groups.join('')
    const bytes: number[] = []
    for (let i = 0; i + width <= bits.length; i += width) bytes.push(parseInt(bits.slice(i, i + width), 2))
    out.push(utf8(Buffer.from(bytes)))
  }
  return out
}

function percentView(text: string): string[] {
  if (!/%[0-9a-f]{2}/i.test(text)) return []
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const m = /^%([0-9a-f]{2})/i.exec(text.slice(i, i + 3))
    if (m) {
      bytes.push(parseInt(m[1]!, 16))
      i += 2
    } else {
      for (const b of Buffer.from(text[i]!, 'utf8')) bytes.push(b)
    }
  }
  return [utf8(Buffer.from(bytes))]
}

function entityView(text: string): string[] {
  if (!/&#x?[0-9a-f]+;/i.test(text)) return []
  return [text.replace(/&#(x?)([0-9a-f]+);/gi, (_, x: string, n: string) => String.fromCodePoint(Math.min(parseInt(n, x ? 16 : 10), 0x10ffff)))]
}

export function decodedViews(text: string): DecodedView[] {
  return [
    { via: 'plain', text },
    { via: 'rot13', text: rot13(text) },
    ...base64Views(text).map((t) => ({ via: 'base64', text: t })),
    ...hexViews(text).map((t) => ({ via: 'hex', text: t })),
    ...binaryViews(text).map((t) => ({ via: 'binary', text: t })),
    ...percentView(text).map((t) => ({ via: 'url_encoding', text: t })),
    ...entityView(text).map((t) => ({ via: 'html_entities', text: t })),
  ]
}
