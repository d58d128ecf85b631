// Digests travel as hex in in-toto and as "sha256:<hex>" in this service; both sides are
// lowered before comparing, since in-toto producers differ on case.

const HEX = /^[0-9a-fA-F]*$/

export function isHex(value: string, length?: number): boolean {
  if (length !== undefined && value.length !== length) return false
  return value.length > 0 && value.length % 2 === 0 && HEX.test(value)
}

/** The lowercase hex of "sha256:<64 hex>" or of bare 64 hex; undefined for anything else. */
export function sha256Hex(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const hex = value.toLowerCase().startsWith('sha256:') ? value.slice(7) : value
  return isHex(hex, 64) ? hex.toLowerCase() : undefined
}

export function short(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 12)}…` : hex
}
