// `npm start` (and the API and worker alone) against a database that is missing or empty:
// one line saying what to run and exit code 1, never a stack trace.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { ADMIN_URL, createEmptyDatabase, missingDatabaseUrl } from '../helpers/database.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

function run(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

const drops: Array<() => Promise<void>> = []
afterAll(async () => {
  for (const drop of drops) await drop()
})

describe('starting against an unmigrated database', () => {
  it('npm start with a database that does not exist: one line, exit 1, and it creates nothing', async () => {
    const missing = missingDatabaseUrl()
    drops.push(missing.drop)
    const result = await run('npm', ['start', '--silent'], { DATABASE_URL: missing.url })
    expect(result.code).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^database is not migrated: run npm run db:migrate \(.* does not exist\)$/)
    expect(result.stdout.trim()).toBe('')
    const admin = new pg.Client({ connectionString: ADMIN_URL })
    await admin.connect()
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(missing.url).pathname.slice(1)])
    await admin.end()
    expect(found.rowCount).toBe(0)
  }, 90_000)

  it('the API and the worker alone with an empty database: the same line, exit 1, no stack trace', async () => {
    const empty = await createEmptyDatabase()
    drops.push(empty.drop)
    // What `npm run start:api` / `start:worker` run (`tsx <entry>`), without npx resolving tsx first.
    const results = await Promise.all(['src/server.ts', 'src/worker.ts'].map((entry) => run(process.execPath, ['--import', 'tsx', entry], { DATABASE_URL: empty.url })))
    for (const result of results) {
      expect(result.code).toBe(1)
      expect(result.stderr.trim()).toMatch(/^database is not migrated: run npm run db:migrate \(\d+ pending, first \d{14}_\w+\)$/)
      expect(result.stderr).not.toMatch(/\n\s+at /)
    }
  }, 90_000)
})
