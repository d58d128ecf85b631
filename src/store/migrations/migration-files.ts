// The committed migrations: prisma/migrations/<name>/migration.sql, applied in name order.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrationChecksum } from './checksum.js'
import { MigrationError } from './migration-error.js'

// src/store/migrations and dist/store/migrations sit at the same depth below the project root.
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prisma/migrations')

const LOCKFILE = 'migration_lock.toml'

export interface MigrationFile {
  name: string
  script: string
  checksum: string
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** Every migration in `dir`, sorted by name (byte order, as the CLI sorts them). */
export async function readMigrationFiles(dir: string = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const lockfile = await readFile(path.join(dir, LOCKFILE), 'utf8').catch(() => null)
  // The lock file names the database the migrations were written for; SQL for another one
  // would fail half-way through.
  const provider = lockfile === null ? null : /^\s*provider\s*=\s*"([^"]*)"/m.exec(lockfile)?.[1]
  if (provider !== null && provider !== undefined && provider !== 'postgresql') {
    throw new MigrationError(`${path.join(dir, LOCKFILE)} says the migrations are for ${provider}, not postgresql`)
  }
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') throw new MigrationError(`no migrations directory at ${dir}`)
    throw error
  })
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql')
      const bytes = await readFile(file).catch((error: unknown) => {
        throw new MigrationError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`)
      })
      return { name, script: bytes.toString('utf8'), checksum: migrationChecksum(bytes) }
    }),
  )
}
