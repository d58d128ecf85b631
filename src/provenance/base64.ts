// DSSE allows standard or URL-safe base64. Node's decoder skips characters it does not know,
// so "ab!cd" would decode quietly; the text is checked first and must be the canonical
// encoding of what it decodes to, so altering any character changes the bytes or is refused.

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/

export function decodeBase64(text: string): Buffer | undefined {
  const standard = STANDARD.test(text)
  if (!standard && !URL_SAFE.test(text)) return undefined
  const encoding = standard ? 'base64' : 'base64url'
  const padded = text.endsWith('=')
  const bare = padded ? text.replace(/=+$/, '') : text
  if (bare.length % 4 === 1) return undefined
  const bytes = Buffer.from(bare, encoding)
  if (bytes.toString(encoding).replace(/=+$/, '') !== bare) return undefined
  // Padding, when present, must be exactly what the length calls for.
  if (padded && text.length !== bare.length + ((4 - (bare.length % 4)) % 4)) return undefined
  return bytes
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64')
}
