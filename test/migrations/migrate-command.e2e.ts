// `npm run db:migrate` as a user runs it: creates the database, applies, then finds nothing to
// do; MODELGATE_MIGRATE_DATABASE_URL, when set, is the database it migrates.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR, readMigrationFiles } from '../../src/store/migrations/index.js'
import { ADMIN_URL, missingDatabaseUrl } from '../helpers/database.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

function migrate(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'db:migrate'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

async function exists(url: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: ADMIN_URL })
  await admin.connect()
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)])).rowCount === 1
  } finally {
    await admin.end()
  }
}

const target = missingDatabaseUrl()
const untouched = missingDatabaseUrl()
afterAll(async () => {
  await target.drop()
  await untouched.drop()
})

describe('npm run db:migrate', () => {
  it('creates and migrates the database in MODELGATE_MIGRATE_DATABASE_URL, then has nothing to do', async () => {
    const count = (await readMigrationFiles(MIGRATIONS_DIR)).length
    const env = { MODELGATE_MIGRATE_DATABASE_URL: target.url, DATABASE_URL: untouched.url }
    const first = await migrate(env)
    expect(first.stderr).toBe('')
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('Created database')
    expect(first.stdout.match(/^Applied \d{14}_\w+ \(\d+ ms\)$/gm)).toHaveLength(count)
    expect(await exists(target.url)).toBe(true)
    expect(await exists(untouched.url)).toBe(false)

    const second = await migrate(env)
    expect(second.code).toBe(0)
    expect(second.stdout).toMatch(new RegExp(`is up to date: ${count} migration\\(s\\), none pending`))
  }, 90_000)

  it('exits 1 with one line when the server cannot be reached', async () => {
    const result = await migrate({ DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/modelgate' })
    expect(result.code).toBe(1)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(/^db:migrate failed: cannot connect to postgresql:\/\/postgres@127\.0\.0\.1:1\/modelgate: /)
  }, 60_000)
})
