// The trust store as the verifier uses it: each entry's PEM parsed once per verification and
// checked against the id and algorithm it was stored under. An entry whose PEM says something
// else was edited by hand or copied wrong; it is left out rather than trusted under a name
// that is not its own.
import { keyHints, parsePublicKey, type ParsedPublicKey, type TrustedKey } from './keys.js'
import { short } from './hex.js'

export interface UsableKey {
  trusted: TrustedKey
  parsed: ParsedPublicKey
  hints: ReadonlySet<string>
}

export function usableKeys(keys: readonly TrustedKey[]): { keys: UsableKey[]; notes: string[] } {
  const usable: UsableKey[] = []
  const notes: string[] = []
  if (!Array.isArray(keys)) return { keys: usable, notes: ['the trust store is not a list of keys'] }
  for (const trusted of keys) {
    const label = typeof trusted?.keyId === 'string' ? short(trusted.keyId) : '(no keyId)'
    try {
      const parsed = parsePublicKey(trusted.pem)
      if (parsed.keyId !== trusted.keyId?.toLowerCase()) {
        notes.push(`trusted key ${label} ignored: its PEM has key id ${short(parsed.keyId)}`)
      } else if (parsed.algorithm !== trusted.algorithm) {
        notes.push(`trusted key ${label} ignored: stored as ${String(trusted.algorithm)} but the key is ${parsed.algorithm}`)
      } else {
        usable.push({ trusted, parsed, hints: new Set(keyHints(parsed.key)) })
      }
    } catch (error) {
      notes.push(`trusted key ${label} ignored: ${(error as Error).message}`)
    }
  }
  return { keys: usable, notes }
}
