// `npm run db:migrate`: creates the database in DATABASE_URL if it is missing and applies the
// migrations it has not recorded yet, as `prisma migrate deploy` would.

import { applyMigrations, databaseUrl, ensureDatabase, message, readMigrations, redact } from './db.js'

async function main(): Promise<void> {
  const url = databaseUrl()
  const started = performance.now()
  if (await ensureDatabase(url)) console.log(`Created database ${redact(url)}`)
  const applied = await applyMigrations(url)
  const ms = Math.round(performance.now() - started)
  if (applied.length === 0) {
    const known = (await readMigrations()).migrationDirectories.length
    console.log(`${redact(url)} is up to date: ${known} migration(s), none pending (${ms} ms).`)
    return
  }
  for (const name of applied) console.log(`Applied ${name}`)
  console.log(`${redact(url)}: applied ${applied.length} migration(s) in ${ms} ms.`)
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${message(error)}`)
  process.exitCode = 1
})
