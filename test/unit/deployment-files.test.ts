// docker-compose.yml and the Dockerfile cannot be run here (no Docker engine), so they are
// checked against the code: services, ports, commands, volumes, the user, healthchecks,
// environment, and the production image's dependency list.
import { builtinModules } from 'node:module'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { CONFIG_VARIABLES, loadConfig } from '../../src/config.js'
import { checkEndpointUrl } from '../../src/domain/endpoint-allowlist.js'

const root = new URL('../../', import.meta.url)
const rootDir = fileURLToPath(root)
const read = (file: string) => readFileSync(new URL(file, root), 'utf8')
const compose = parse(read('docker-compose.yml'), { merge: true })
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> }
interface LockEntry { dev?: boolean; optional?: boolean; devOptional?: boolean; peer?: boolean }
const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> }
const known = new Set(CONFIG_VARIABLES.map((v) => v.name))
const APP_SERVICES = ['api', 'worker', 'migrate']

// Compose interpolation, enough for this file: ${VAR:-default} and ${VAR:?message}.
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, op?: string, rest?: string) => env[name] ?? (op === '-' ? rest! : ''))
}
const SHELL = { MODELGATE_ADMIN_KEY: 'compose-admin-key-0123456789' }

// ---------------------------------------------------------------------------------------------
// The Dockerfile, as stages of instructions (continuation lines joined).

interface Instruction {
  op: string
  args: string
}
interface Stage {
  from: string
  name: string | undefined
  instructions: Instruction[]
}
function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
  const stages: Stage[] = []
  for (const line of lines) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line) ?? []
    if (op === undefined || args === undefined) continue
    if (op.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? []
      stages.push({ from: from!, name, instructions: [] })
    } else {
      stages.at(-1)!.instructions.push({ op: op.toUpperCase(), args })
    }
  }
  return stages
}
const stages = parseDockerfile(read('Dockerfile'))
const runtime = stages.at(-1)!
const all = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args)
const execForm = (args: string): string[] => JSON.parse(args.replace(/^CMD\s+/, '')) as string[]
/** ENV of the runtime stage: the environment every container of the image starts with. */
const imageEnv: Record<string, string> = Object.fromEntries(
  all(runtime, 'ENV').flatMap((args) => [...args.matchAll(/([A-Z0-9_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!])),
)

/** `node dist/x.js` must be a file the build emits: tsconfig.build.json maps src/ to dist/. */
function expectBuiltEntry(command: string[]): void {
  const build = JSON.parse(read('tsconfig.build.json')) as { compilerOptions: { rootDir: string; outDir: string } }
  expect(command[0]).toBe('node')
  const emitted = command[1]!
  expect(emitted.startsWith(`${build.compilerOptions.outDir}/`), emitted).toBe(true)
  const source = emitted.replace(`${build.compilerOptions.outDir}/`, `${build.compilerOptions.rootDir}/`).replace(/\.js$/, '.ts')
  expect(existsSync(new URL(source, root)), source).toBe(true)
}

describe('docker-compose.yml', () => {
  it('has postgres, redis, a migration step, the api and a worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'migrate', 'postgres', 'redis', 'worker'])
  })

  it('gives the app services only variables the config knows, and values it accepts', () => {
    for (const name of APP_SERVICES) {
      const env = compose.services[name].environment as Record<string, string>
      for (const key of Object.keys(env)) expect(known.has(key), `${name}: ${key}`).toBe(true)
      const resolved = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), SHELL)]))
      const config = loadConfig(resolved)
      expect(new URL(config.databaseUrl).hostname).toBe('postgres')
      expect(new URL(config.redisUrl).hostname).toBe('redis')
      expect(new URL(config.databaseUrl).password).toBe(compose.services.postgres.environment.POSTGRES_PASSWORD)
    }
  })

  it('publishes the API port the API listens on, bound to loopback, and listens on all interfaces inside', () => {
    const api = compose.services.api
    const config = loadConfig({ ...imageEnv, ...Object.fromEntries(Object.entries(api.environment as Record<string, string>).map(([k, v]) => [k, interpolate(String(v), SHELL)])) })
    expect(api.ports).toEqual([`127.0.0.1:${config.port}:${config.port}`])
    expect(config.host).toBe('0.0.0.0')
  })

  it('runs every app service from the one production image, with entry points the build produces', () => {
    for (const name of APP_SERVICES) {
      expect(compose.services[name].build, name).toBe('.')
      expect(compose.services[name].image, name).toBe(compose.services.api.image)
      expectBuiltEntry(compose.services[name].command)
    }
    expect(compose.services.api.command).toEqual(['node', 'dist/server.js'])
    expect(compose.services.worker.command).toEqual(['node', 'dist/worker.js'])
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].depends_on.migrate.condition).toBe('service_completed_successfully')
    }
    expect(compose.services.redis.command.join(' ')).toContain('noeviction')
  })

  it('migrates with the pg runner, the same entry point as npm run db:migrate, and nothing from scripts/ or Prisma', () => {
    expect(compose.services.migrate.command).toEqual(['node', 'dist/migrate.js'])
    expect(pkg.scripts['db:migrate']).toMatch(/\bsrc\/migrate\.ts$/)
    const entry = read('src/migrate.ts')
    expect(entry).toMatch(/from '\.\/store\/migrations\/index\.js'/)
    expect(entry).toContain('runMigrations(')
    for (const file of readdirSync(new URL('src/store/migrations/', root))) {
      const source = read(`src/store/migrations/${file}`)
      expect(source, file).not.toMatch(/from '(@prisma\/|prisma|\.\.\/\.\.\/\.\.\/scripts)/)
    }
    expect(compose.services.migrate.restart).toBe('no')
    expect(compose.services.migrate.healthcheck).toEqual({ disable: true })
  })

  it('keeps artifacts and the signing key on a named volume shared by the API and the worker', () => {
    const declared = Object.keys(compose.volumes ?? {})
    const mounts = (name: string) => (compose.services[name].volumes as string[]).map((v) => {
      const [source, target] = v.split(':')
      return { source: source!, target: target! }
    })
    const api = mounts('api')
    expect(api).toEqual(mounts('worker'))
    expect(api).toHaveLength(1)
    const { source, target } = api[0]!
    expect(declared).toContain(source)
    expect(Object.keys(imageEnv)).not.toContain('MODELGATE_DATA_DIR')
    for (const name of ['api', 'worker']) {
      const env = { ...imageEnv, ...Object.fromEntries(Object.entries(compose.services[name].environment as Record<string, string>).map(([k, v]) => [k, interpolate(String(v), SHELL)])) }
      const config = loadConfig(env)
      expect(config.artifactDir, name).not.toBeNull()
      expect(path.posix.relative(target, config.artifactDir!).startsWith('..'), `${name}: ${config.artifactDir} outside ${target}`).toBe(false)
      expect(path.posix.isAbsolute(config.artifactDir!)).toBe(true)
      expect(path.posix.relative(target, config.signingKeyPath).startsWith('..'), `${name}: ${config.signingKeyPath} outside ${target}`).toBe(false)
      expect(path.posix.isAbsolute(config.signingKeyPath)).toBe(true)
    }
    // The image declares that directory a volume and gives it to the user the processes run as.
    expect(all(runtime, 'VOLUME').join(' ')).toContain(target)
    const user = all(runtime, 'USER').at(-1)!
    expect(all(runtime, 'RUN').some((r) => new RegExp(`chown -R ${user}(:${user})? ${target}(\\s|$)`).test(r))).toBe(true)
  })

  it('checks each service with the healthcheck of its role: the worker by its heartbeat, not by HTTP', () => {
    expect(compose.services.api.healthcheck.test).toEqual(['CMD', 'node', 'dist/healthcheck.js', 'api'])
    expect(compose.services.worker.healthcheck.test).toEqual(['CMD', 'node', 'dist/healthcheck.js', 'worker'])
    expectBuiltEntry(compose.services.worker.healthcheck.test.slice(1))
    for (const name of ['api', 'worker']) expect(JSON.stringify(compose.services[name].healthcheck)).not.toContain('/healthz')
    // The worker's check must tolerate a missed beat (every 10 s) but notice a dead worker.
    const seconds = (s: string) => Number(/^(\d+)s$/.exec(s)![1])
    const hc = compose.services.worker.healthcheck
    expect(seconds(hc.interval) * hc.retries).toBeGreaterThanOrEqual(30)
  })

  it('reaches a model served on the Docker host through host.docker.internal, which the default allowlist admits', () => {
    for (const name of ['api', 'worker']) {
      expect(compose.services[name].extra_hosts, name).toContain('host.docker.internal:host-gateway')
      const env = Object.fromEntries(Object.entries(compose.services[name].environment as Record<string, string>).map(([k, v]) => [k, interpolate(String(v), SHELL)]))
      const { endpointAllowlist } = loadConfig(env)
      expect(checkEndpointUrl('http://host.docker.internal:9001/invocations', endpointAllowlist).ok).toBe(true)
      // The container's own loopback (the API itself) is not a model endpoint.
      expect(checkEndpointUrl('http://127.0.0.1:8080/v1/api-keys', endpointAllowlist).ok).toBe(false)
    }
    // Documented where a user sets it.
    expect(read('docker-compose.yml')).toMatch(/MODELGATE_ENDPOINT_ALLOWLIST[\s\S]*host\.docker\.internal/)
  })
})

describe('Dockerfile', () => {
  it('builds in one stage and runs from another, from Node 20', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2)
    for (const stage of stages) expect(stage.from).toMatch(/^node:20\./)
    const build = stages.find((s) => all(s, 'RUN').some((r) => r.includes('npm run build')))
    expect(build?.name).toBeDefined()
    expect(build).not.toBe(runtime)
    expect(all(build!, 'RUN').some((r) => /npm ci\b/.test(r))).toBe(true)
    expect(all(runtime, 'COPY')).toContain(`--from=${build!.name} /app/dist ./dist`)
  })

  it('keeps host dependencies, build output and the generated client out of the build context', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'))
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'src/generated', 'dist', 'var', '.env']))
  })

  it('installs only production dependencies in the runtime stage, without running the Prisma generator', () => {
    const installs = all(runtime, 'RUN').filter((r) => /npm (ci|install)\b/.test(r))
    expect(installs).toHaveLength(1)
    expect(installs[0]).toMatch(/npm ci\b.*--omit=dev/)
    expect(installs[0]).toContain('--omit=optional')
    expect(installs[0]).toContain('--ignore-scripts')
    expect(installs[0]).not.toContain('--include=dev')
    expect(Object.keys(imageEnv)).toContain('NODE_ENV')
    expect(imageEnv.NODE_ENV).toBe('production')
    // No sources or dev scripts in the runtime: only compiled code, manifests and the SQL.
    const copies = all(runtime, 'COPY').map((c) => c.replace(/^--from=\S+\s+/, ''))
    for (const copy of copies) expect(copy, copy).toMatch(/^(package\.json package-lock\.json|\/app\/dist|prisma\/migrations) /)
  })

  it('runs as a non-root user, both processes by default, with a healthcheck that covers both', () => {
    const user = all(runtime, 'USER').at(-1)
    expect(user).toBeDefined()
    expect(['root', '0']).not.toContain(user)
    const cmd = execForm(all(runtime, 'CMD').at(-1)!)
    expect(cmd).toEqual(['node', 'dist/main.js'])
    expectBuiltEntry(cmd)
    const healthcheck = all(runtime, 'HEALTHCHECK').at(-1)!
    const probe = execForm(healthcheck.slice(healthcheck.indexOf('CMD ') + 4))
    expect(probe).toEqual(['node', 'dist/healthcheck.js', 'all'])
    expectBuiltEntry(probe)
    expect(read('src/healthcheck.ts')).toMatch(/const ROLES = \['api', 'worker', 'all'\]/)
  })
})

// ---------------------------------------------------------------------------------------------
// The production dependency list.

const DEV_ONLY = ['tsx', 'vitest', 'typescript', 'prisma', '@prisma/schema-engine-wasm', 'prettier', 'fast-check', 'autocannon']

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(full)
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : []
  })
}

/** Package names that src/ loads at run time (type-only imports are erased by the compiler). */
function runtimeImports(): Map<string, string> {
  const found = new Map<string, string>()
  const add = (specifier: string, file: string) => {
    if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return
    const parts = specifier.split('/')
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
    if (!found.has(name)) found.set(name, path.relative(rootDir, file))
  }
  for (const file of sourceFiles(path.join(rootDir, 'src'))) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(/(?:^|[\s;])(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/g)) {
      if (m[2] === undefined) add(m[3]!, file)
    }
    for (const m of text.matchAll(/(?:import|require(?:\.resolve)?)\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1]!, file)
  }
  return found
}

/** The --omit types of the runtime stage's `npm ci`. */
function runtimeOmits(): Set<string> {
  const install = all(runtime, 'RUN').find((r) => /npm ci\b/.test(r)) ?? ''
  return new Set([...install.matchAll(/--omit[= ](\w+)/g)].map((m) => m[1]!))
}

/** Whether `npm ci` with those omits installs a lock entry (npm's rules for dev, optional, devOptional, peer). */
function installed(entry: LockEntry, omit: Set<string>): boolean {
  if (entry.dev && omit.has('dev')) return false
  if (entry.optional && omit.has('optional')) return false
  if (entry.devOptional && omit.has('dev') && omit.has('optional')) return false
  if (entry.peer && omit.has('peer')) return false
  return true
}

describe('production dependencies', () => {
  const omit = runtimeOmits()
  const inImage = Object.entries(lock.packages)
    .filter(([key, entry]) => key !== '' && installed(entry, omit))
    .map(([key]) => key.replace(/^.*node_modules\//, ''))

  it('the runtime image installs no development tool, directly or as an optional peer', () => {
    for (const name of DEV_ONLY) {
      expect(Object.keys(pkg.dependencies), name).not.toContain(name)
      expect(inImage, name).not.toContain(name)
    }
    for (const name of Object.keys(pkg.dependencies)) expect(name.startsWith('@types/'), name).toBe(false)
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['tsx', 'prisma', 'typescript', '@prisma/schema-engine-wasm']))
  })

  it('cover every package src/ imports at run time, and the runtime image installs each', () => {
    const imports = runtimeImports()
    // The scan sees the service's core libraries, so a broken pattern cannot pass vacuously.
    expect([...imports.keys()]).toEqual(expect.arrayContaining(['fastify', 'pg', 'ioredis', 'bullmq', 'typebox', '@prisma/client']))
    for (const [name, file] of imports) {
      expect(lock.packages[`node_modules/${name}`], `${name} (imported by ${file}) is not in the lock file`).toBeDefined()
      expect(inImage, `${name} (imported by ${file}) is not installed in the runtime image`).toContain(name)
      expect(DEV_ONLY, file).not.toContain(name)
    }
    for (const name of Object.keys(pkg.dependencies)) expect(inImage, name).toContain(name)
  })

  it('do not include anything only the migration authoring script needs', () => {
    const authoring = read('scripts/author-migration.ts')
    expect(authoring).toContain("from '@prisma/schema-engine-wasm'")
    expect(inImage).not.toContain('@prisma/schema-engine-wasm')
    expect(existsSync(new URL('scripts/db.ts', root))).toBe(false)
  })
})
