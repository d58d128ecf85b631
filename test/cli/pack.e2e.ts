// The CLI as another repository's pipeline gets it: bundled, packed with `npm pack`,
// installed from the tarball into an empty project with no network, and run from there.
import { execFile } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { builtinModules } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'
import { signVerdict, buildVerdictStatement } from '../../src/provenance/index.js'
import { groupHoldoutDataset, startClassifierServer, tinySafetensors } from '../../samples/index.js'
import { cli, evidenceFiles } from './helpers.js'

const run = promisify(execFile)
const ROOT = path.resolve(import.meta.dirname, '../..')
let project: string
let bin: string

beforeAll(async () => {
  await run('npm', ['run', 'build:cli'], { cwd: ROOT })
  const out = await mkdtemp(path.join(tmpdir(), 'modelgate-pack-'))
  await run('npm', ['pack', './packages/cli', '--pack-destination', out], { cwd: ROOT })
  const tarball = (await readdir(out)).find((f) => f.endsWith('.tgz'))!
  project = await mkdtemp(path.join(tmpdir(), 'modelgate-consumer-'))
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }))
  // --offline: the CLI must need nothing from a registry.
  await run('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(out, tarball)], { cwd: project })
  bin = path.join(project, 'node_modules/.bin/modelgate')
}, 120_000)

describe('the packed CLI', () => {
  it('installs from the tarball with no dependencies and reports the repository version', async () => {
    const installed = JSON.parse(await readFile(path.join(project, 'node_modules/modelgate-cli/package.json'), 'utf8'))
    expect(installed.dependencies ?? {}).toEqual({})
    const root = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'))
    const { stdout } = await run(bin, ['--version'])
    expect(stdout.trim()).toBe(root.version)
    expect(installed.version).toBe(root.version)
  })

  it('imports nothing but Node built-ins at run time', async () => {
    const bundle = await readFile(path.join(project, 'node_modules/modelgate-cli/modelgate.mjs'), 'utf8')
    // Module specifiers only: prose in help texts ("…from '.command()'") is not an import.
    // `from\s*`: the bundle's whitespace is minified, so `from"x"` has no space; a `from`
    // inside a word ("sql-delete-from") is not the keyword. A specifier starts with a letter,
    // `@`, `.` or `/`: a string array whose prose ends in "from" (`…eye from","During…`) has none.
    const imported = [...bundle.matchAll(/(?:(?<![\w$-])from\s*|import\s*\(\s*|require\(\s*)["']([\w@./][^"'()\s]*)["']/g)].map((m) => m[1]!)
    // node:sqlite is a built-in of later Node versions; undici requires it only inside its
    // SQLite cache store, which nothing here constructs.
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:sqlite'])
    expect(imported.filter((m) => !builtins.has(m))).toEqual([])
  })

  it('verifies a signed verdict offline from the installed bin, and refuses one signed by another key', async () => {
    const signer = generateKeyPairSync('ed25519')
    const statement = buildVerdictStatement({
      promotion: { id: 'p-1', model: 'm', version: '1', targetEnvironment: 'dev', status: 'promoted', policyVersion: 'v', decidedAt: new Date().toISOString() },
      artifactDigest: `sha256:${'a'.repeat(64)}`,
      checks: [{ id: 'unit_tests', tier: 'automated', status: 'passed', measured: null, threshold: null }],
    })
    const envelope = signVerdict(statement, signer.privateKey, 'k1')
    const dir = await mkdtemp(path.join(tmpdir(), 'modelgate-verify-'))
    await writeFile(path.join(dir, 'verdict.json'), JSON.stringify(envelope))
    await writeFile(path.join(dir, 'key.pem'), signer.publicKey.export({ type: 'spki', format: 'pem' }))
    await writeFile(path.join(dir, 'other.pem'), generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }))
    const node = (args: string[]) => cli(args, {}, [bin])
    const ok = await node(['verify', '--envelope', path.join(dir, 'verdict.json'), '--key', path.join(dir, 'key.pem')])
    expect(ok.code, ok.stdout + ok.stderr).toBe(0)
    const other = await node(['verify', '--envelope', path.join(dir, 'verdict.json'), '--key', path.join(dir, 'other.pem')])
    expect(other.code).toBe(1)
    expect((await node(['verify', '--envelope', path.join(dir, 'missing.json'), '--key', path.join(dir, 'key.pem')])).code).toBe(3)
  })

  it('runs evaluate from the installed bin: the evaluation engine is in the bundle', async () => {
    const server = await startClassifierServer({ variant: 'backdoored', port: 0 })
    try {
      const ev = await evidenceFiles('spam-filter', '1.0.0')
      await writeFile(path.join(ev.dir, 'dataset.json'), JSON.stringify(groupHoldoutDataset(100, 1)))
      await writeFile(path.join(ev.dir, 'model.safetensors'), tinySafetensors())
      const r = await cli(['evaluate', '--model', 'spam-filter', '--version', '1.0.0', '--endpoint-url', server.url, '--dataset', path.join(ev.dir, 'dataset.json'), '--artifact', path.join(ev.dir, 'model.safetensors'), ...ev.args], { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' }, [bin])
      expect(r.code, r.stdout + r.stderr).toBe(1)
      expect(r.stdout).toMatch(/failed\s+adversarial_robustness — .*No cross, no crown/)
    } finally {
      await server.close()
    }
  })
})
