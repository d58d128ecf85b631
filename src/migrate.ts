// `npm run db:migrate` (and `node dist/migrate.js` in the image): creates the database in
// MODELGATE_MIGRATE_DATABASE_URL (default DATABASE_URL) if it is missing and applies the
// committed migrations it has not recorded yet. When the app connects as another role, that
// role is then granted only what it needs (store/migrations/app-role.ts).
import { loadConfig } from './config.js'
import { grantAppRole, roleOf } from './store/migrations/app-role.js'
import { ensureDatabase, redact, runMigrations } from './store/migrations/index.js'

async function main(): Promise<void> {
  // Migrations may run as the role that owns the tables while the service runs as a less
  // privileged one.
  const appUrl = loadConfig().databaseUrl
  const url = process.env.MODELGATE_MIGRATE_DATABASE_URL || appUrl
  const started = performance.now()
  if (await ensureDatabase(url)) console.log(`Created database ${redact(url)}`)
  const { applied, known } = await runMigrations(url, { onApplied: (name, ms) => console.log(`Applied ${name} (${ms} ms)`) })
  const ms = Math.round(performance.now() - started)
  if (applied.length === 0) console.log(`${redact(url)} is up to date: ${known} migration(s), none pending (${ms} ms).`)
  else console.log(`${redact(url)}: applied ${applied.length} of ${known} migration(s) in ${ms} ms.`)
  if (roleOf(appUrl) !== roleOf(url)) {
    await grantAppRole(url, roleOf(appUrl))
    console.log(`Granted the app role "${roleOf(appUrl)}" row access (audit tables: INSERT and SELECT only).`)
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exitCode = 1
})
