// The XML parser runs with entity processing switched off so that a report cannot declare
// entities that expand into gigabytes (or read local files). That also leaves the five
// predefined entities and character references undecoded, and those appear constantly in
// real failure messages ("expected: &lt;1&gt;"). Decoding them here is safe because none of
// them can expand into anything but a single character.
const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
}

const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|(lt|gt|amp|quot|apos));/g

function fromCodePoint(codePoint: number, original: string): string {
  const isSurrogate = codePoint >= 0xd800 && codePoint <= 0xdfff
  if (codePoint === 0 || codePoint > 0x10ffff || isSurrogate) return original
  return String.fromCodePoint(codePoint)
}

export function decodeXmlEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(REFERENCE, (match, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16), match)
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10), match)
    return (name !== undefined ? PREDEFINED[name] : undefined) ?? match
  })
}
