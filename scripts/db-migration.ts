// `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
// with the SQL from the existing migrations to prisma/schema.prisma. The migrations replay on
// a temporary shadow database on the server in DATABASE_URL; the database named there is
// neither needed nor touched.

import path from 'node:path'

import { createMigration, databaseUrl, dropTemporaryDatabases, message } from './author-migration.js'

const USAGE = 'usage: npm run db:migration -- <name>   (letters, digits and _)'

let stopping = false

// Ctrl-C would otherwise leave the shadow database behind: `finally` never runs on a signal.
// The listener stays installed while cleaning up, because tsx forwards the terminal's SIGINT a
// second time and exits at once if nobody listens.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return
    stopping = true
    void dropTemporaryDatabases().finally(() => process.exit(130))
  })
}

async function main(args: string[]): Promise<void> {
  const name = args[0]
  if (name === undefined || args.length !== 1 || name.startsWith('-')) {
    console.error(USAGE)
    process.exitCode = 2
    return
  }
  const created = await createMigration(databaseUrl(), name)
  if (created === null) {
    console.log('prisma/schema.prisma matches the existing migrations: no migration written.')
    return
  }
  console.log(`Wrote ${path.relative(process.cwd(), created.file)}`)
}

main(process.argv.slice(2)).catch((error: unknown) => {
  // Dropping the shadow database under the engine fails its queries; that is not news.
  if (stopping) return
  console.error(`db:migration failed: ${message(error)}`)
  process.exitCode = 1
})
