// The database a tool drops and recreates on every run (the demo, the API benchmark): on the
// server and with the credentials DATABASE_URL names, under the tool's own database name,
// unless the tool's variable names another connection string. A tool never drops the
// service's own database, whatever the variables say.
import { databaseName, redact, withDatabase } from './database-admin.js'
import { MigrationError } from './migration-error.js'

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/modelgate'

const place = (url: string) => {
  const u = new URL(url)
  return `${u.hostname}:${u.port || '5432'}/${databaseName(url)}`
}

export function scratchDatabaseUrl(env: NodeJS.ProcessEnv, variable: string, name: string): string {
  const service = env.DATABASE_URL || DEFAULT_DATABASE_URL
  const url = env[variable] || withDatabase(service, name)
  if (place(url) === place(service)) {
    throw new MigrationError(`${variable} names the service's own database (${redact(url)}), which this tool would drop: give it another database name`)
  }
  return url
}
