// What counts as a data set "named with a digest": a uri and at least one digest an attacker
// cannot collide. md5 and sha1 alone do not count; known algorithms must have their length.
import { isHex } from './hex.js'

export interface Dataset {
  name?: string
  uri: string
  digest: Record<string, string>
}

const HEX_LENGTHS: Record<string, readonly number[]> = {
  sha256: [64],
  sha384: [96],
  sha512: [128],
  sha512_256: [64],
  sha3_256: [64],
  sha3_384: [96],
  sha3_512: [128],
  blake2b: [128],
  blake3: [64],
  dirHash: [64],
  gitCommit: [40, 64],
  gitTree: [40, 64],
  gitBlob: [40, 64],
  md5: [32],
  sha1: [40],
}
const WEAK = new Set(['md5', 'sha1'])

/** Why this data set's digests pin nothing, or undefined when one of them does. */
export function digestProblem(digest: Record<string, string>): string | undefined {
  const strong = Object.entries(digest).filter(([algorithm, value]) => {
    if (WEAK.has(algorithm)) return false
    const lengths = Object.prototype.hasOwnProperty.call(HEX_LENGTHS, algorithm) ? HEX_LENGTHS[algorithm] : undefined
    return lengths ? lengths.some((length) => isHex(value, length)) : isHex(value) && value.length >= 40
  })
  if (strong.length > 0) return undefined
  const algorithms = Object.keys(digest)
  if (algorithms.length === 0) return 'no digest'
  if (algorithms.every((a) => WEAK.has(a))) return `only ${algorithms.join('/')} digests, which can be forged`
  return `no well-formed digest among ${algorithms.join(', ')}`
}
