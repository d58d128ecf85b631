// The checksum the Prisma CLI writes to `_prisma_migrations`, against the engine's own test
// vectors: sha256, zero-padded hex, line-ending agnostic when comparing, and the old unpadded
// format still accepted.
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checksumMatches, migrationChecksum } from '../../src/store/migrations/checksum.js'

describe('migration checksum', () => {
  it('is the zero-padded sha256 hex of the script', () => {
    expect(migrationChecksum('hello')).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824')
    expect(migrationChecksum(Buffer.from('abcd'))).toHaveLength(64)
    // Bytes, not characters: a non-ASCII script hashes its UTF-8 encoding.
    expect(migrationChecksum('é')).toBe(createHash('sha256').update(Buffer.from([0xc3, 0xa9])).digest('hex'))
  })

  it('matches a script whatever git did to its line endings', () => {
    const variants = [
      ['ab\ncd\nef\ngh\rab', 'ab\r\ncd\r\nef\r\ngh\rab'],
      ['ab\ncd\nef\ngh\rab\n', 'ab\r\ncd\r\nef\r\ngh\rab\r\n'],
    ]
    for (const pair of variants) {
      for (const script of pair) for (const other of pair) expect(checksumMatches(script, migrationChecksum(other))).toBe(true)
    }
  })

  it('does not match other content', () => {
    expect(checksumMatches('abc', migrationChecksum('abcd'))).toBe(false)
    expect(checksumMatches('abc\n', migrationChecksum('abc'))).toBe(false)
    expect(checksumMatches('abc', '')).toBe(false)
  })

  it('accepts the unpadded checksums early engines wrote, and only for the same content', () => {
    // "hello" has bytes below 0x10 in its digest, so the old format is shorter.
    const digest = createHash('sha256').update('hello').digest()
    const unpadded = [...digest].map((b) => b.toString(16)).join('')
    expect(unpadded.length).toBeLessThan(64)
    expect(checksumMatches('hello', unpadded)).toBe(true)
    expect(checksumMatches('hello!', unpadded)).toBe(false)
  })
})
