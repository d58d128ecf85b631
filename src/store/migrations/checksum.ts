// The checksum the Prisma CLI records for a migration in `_prisma_migrations`: the sha256 of
// the migration.sql file's bytes, as 64 lower-case hex digits. Reproduced exactly so that a
// database migrated here and one migrated by `prisma migrate deploy` carry the same history.
import { createHash } from 'node:crypto'

const CHECKSUM_LENGTH = 64

function sha256(script: string | Uint8Array): Buffer {
  return createHash('sha256').update(script).digest()
}

/** The checksum of a migration script, as the CLI writes it. */
export function migrationChecksum(script: string | Uint8Array): string {
  return sha256(script).toString('hex')
}

// Early versions of Prisma's engine formatted each byte without zero-padding, so old
// databases can hold shorter checksums; the engine still accepts those.
function unpaddedHex(digest: Buffer): string {
  return [...digest].map((byte) => byte.toString(16)).join('')
}

/**
 * Whether a recorded checksum matches a script. Like the engine, a script whose line endings
 * were converted by git (LF to CRLF or back) still matches.
 */
export function checksumMatches(script: string, recorded: string): boolean {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')]
  return variants.some((variant) => {
    const digest = sha256(variant)
    const rendered = recorded !== '' && recorded.length !== CHECKSUM_LENGTH ? unpaddedHex(digest) : digest.toString('hex')
    return rendered === recorded
  })
}
