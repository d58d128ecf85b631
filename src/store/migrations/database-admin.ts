// Creating and dropping the database a connection string names. CREATE/DROP DATABASE cannot
// run inside the target database, so these go through the server's `postgres` database.
import pg from 'pg'
import { MigrationError } from './migration-error.js'

export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

export function errorMessage(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(errorMessage).join('; ')
  if (error instanceof Error) return error.message !== '' ? error.message : (errorCode(error) ?? error.name)
  return String(error)
}

/** Postgres's code for "database does not exist". */
export const UNDEFINED_DATABASE = '3D000'

// Connection strings may carry passwords; messages show everything else.
export function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password !== '') u.password = '***'
    return u.toString()
  } catch {
    return '<unparseable database url>'
  }
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''))
  if (name === '') throw new MigrationError(`no database name in ${redact(url)}`)
  return name
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${encodeURIComponent(name)}`
  return u.toString()
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  try {
    await client.connect()
  } catch (error) {
    await client.end().catch(() => undefined)
    throw error
  }
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

async function withMaintenanceClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const maintenance = withDatabase(url, 'postgres')
  return withClient(maintenance, fn).catch((error: unknown) => {
    if (error instanceof MigrationError) throw error
    throw new MigrationError(`${redact(maintenance)}: ${errorMessage(error)}`)
  })
}

/** Creates the database named in `url` unless it exists; true when it was created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseName(url)
  // Asking the database itself first: a role that owns its database may still be refused
  // the `postgres` one, as on most hosted servers.
  try {
    await withClient(url, async () => undefined)
    return false
  } catch (error) {
    if (errorCode(error) !== UNDEFINED_DATABASE) throw new MigrationError(`cannot connect to ${redact(url)}: ${errorMessage(error)}`)
  }
  return withMaintenanceClient(url, async (client) => {
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(name)}`)
      return true
    } catch (error) {
      // Another process created it between the probe and here.
      if (errorCode(error) === '42P04') return false
      throw new MigrationError(`cannot create database ${name}: ${errorMessage(error)}`)
    }
  })
}

/** Drops the database named in `url` if it exists, disconnecting whoever still uses it. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url)
  await withMaintenanceClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`))
}
