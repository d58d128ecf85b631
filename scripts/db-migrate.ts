// `npm run db:migrate`: creates the database if it is missing and applies the migrations it
// has not recorded yet, as `prisma migrate deploy` would, connected as the tables' owner
// (MODELGATE_MIGRATE_DATABASE_URL, default DATABASE_URL). When the app connects as another
// role, that role is then granted only what it needs (scripts/app-role.ts).

import { grantAppRole, roleOf } from './app-role.js'
import { applyMigrations, databaseUrl, ensureDatabase, message, readMigrations, redact } from './db.js'

async function main(): Promise<void> {
  const appUrl = databaseUrl()
  const url = process.env.MODELGATE_MIGRATE_DATABASE_URL || appUrl
  const started = performance.now()
  if (await ensureDatabase(url)) console.log(`Created database ${redact(url)}`)
  const applied = await applyMigrations(url)
  const ms = Math.round(performance.now() - started)
  if (applied.length === 0) {
    const known = (await readMigrations()).migrationDirectories.length
    console.log(`${redact(url)} is up to date: ${known} migration(s), none pending (${ms} ms).`)
  } else {
    for (const name of applied) console.log(`Applied ${name}`)
    console.log(`${redact(url)}: applied ${applied.length} migration(s) in ${ms} ms.`)
  }
  if (roleOf(appUrl) !== roleOf(url)) {
    await grantAppRole(url, roleOf(appUrl))
    console.log(`Granted the app role "${roleOf(appUrl)}" row access (audit tables: INSERT and SELECT only).`)
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${message(error)}`)
  process.exitCode = 1
})
