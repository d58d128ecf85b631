// docker-compose.yml and the Dockerfile cannot be run here (no Docker engine), so they are
// checked against the code: services, ports, commands and environment.
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js'

const root = new URL('../../', import.meta.url)
const compose = parse(readFileSync(new URL('docker-compose.yml', root), 'utf8'), { merge: true })
const known = new Set(CONFIG_VARIABLES.map((v) => v.name))

// Compose interpolation, enough for this file: ${VAR:-default} and ${VAR:?message}.
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => env[name] ?? (op === '-' ? rest! : ''))
}

describe('docker-compose.yml', () => {
  it('has postgres, redis, a migration step, the api and a worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker'])
  })

  it('gives the app services only variables the config knows, and values it accepts', () => {
    for (const name of ['api', 'worker', 'migrate']) {
      const env = compose.services[name].environment as Record<string, string>
      for (const key of Object.keys(env)) expect(known.has(key), `${name}: ${key}`).toBe(true)
      const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), { MODELGATE_ADMIN_KEY: 'compose-admin-key-0123456789' })]))
      const config = loadConfig(resolved)
      expect(new URL(config.databaseUrl).hostname).toBe('postgres')
      expect(new URL(config.redisUrl).hostname).toBe('redis')
      expect(new URL(config.databaseUrl).password).toBe(compose.services.postgres.environment.POSTGRES_PASSWORD)
    }
  })

  it('publishes the API port the API listens on, bound to loopback, and listens on all interfaces inside', () => {
    const api = compose.services.api
    const config = loadConfig(Object.fromEntries(Object.entries(api.environment as Record<string, string>).map(([k, v]) => [k, interpolate(String(v), { MODELGATE_ADMIN_KEY: 'compose-admin-key-0123456789' })])))
    expect(api.ports).toEqual([`127.0.0.1:${config.port}:${config.port}`])
    expect(config.host).toBe('0.0.0.0')
  })

  it('runs the entry points the build produces, after migrations succeed', () => {
    expect(compose.services.api.command).toEqual(['node', 'dist/server.js'])
    expect(compose.services.worker.command).toEqual(['node', 'dist/worker.js'])
    expect(existsSync(new URL('src/server.ts', root))).toBe(true)
    expect(existsSync(new URL('src/worker.ts', root))).toBe(true)
    expect(compose.services.migrate.command.join(' ')).toContain('scripts/db-migrate.ts')
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].depends_on.migrate.condition).toBe('service_completed_successfully')
    }
    expect(compose.services.redis.command.join(' ')).toContain('noeviction')
  })
})

describe('Dockerfile', () => {
  const dockerfile = readFileSync(new URL('Dockerfile', root), 'utf8')
  it('installs from the lock file, builds, and runs both processes by default', () => {
    expect(dockerfile).toMatch(/^FROM node:20\./m)
    expect(dockerfile).toContain('npm ci')
    expect(dockerfile).toContain('npm run build')
    expect(dockerfile).toContain('CMD ["node", "dist/main.js"]')
    expect(existsSync(new URL('src/main.ts', root))).toBe(true)
    expect(dockerfile).toMatch(/^USER node$/m)
  })
})
