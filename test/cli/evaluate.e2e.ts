// `modelgate evaluate` run as a subprocess against the real sample model servers, with
// DATABASE_URL and REDIS_URL pointing at ports where nothing listens: a run that opened either
// connection would fail, so passing proves it needs neither.
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { build } from 'esbuild'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { groupHoldoutDataset, startClassifierServer, startLlmServer, tinySafetensors } from '../../samples/index.js'
import { DEFAULT_POLICY } from '../../src/core/default-policy.js'
import type { Policy } from '../../src/domain/policy.js'
import { envelopeFor, makeKey, slsaStatement } from '../provenance/fixtures.js'
import { cli, evidenceFiles } from './helpers.js'

const NOTHING = { DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', REDIS_URL: 'redis://127.0.0.1:1' }
const SIGNOFFS = ['red_team_report', 'compliance', 'human_review', 'risk_assessment', 'deployment_authorization']

type Servers = Array<{ close(): Promise<void> }>
const servers: Servers = []
let clean: string
let backdoored: string
let brittle: string
let overRefusing: string
let dir: string
let classifierArgs: string[]

interface ReportCheck { id: string; status: string; summary: string; details: Record<string, unknown>; cases: Array<{ category: string }> }
interface Report { status: string; gates: Array<{ tier: string; status: string; checks: ReportCheck[] }> }
const checksOf = (stdout: string) => new Map((JSON.parse(stdout) as Report).gates.flatMap((g) => g.checks).map((c) => [c.id, c]))

async function writePolicy(name: string, edit: (p: Policy) => void): Promise<string> {
  const policy = structuredClone(DEFAULT_POLICY)
  edit(policy)
  const file = path.join(dir, name)
  // The shape GET /v1/policy returns.
  await writeFile(file, JSON.stringify({ policy, source: 'stored', createdAt: null, createdBy: null }))
  return file
}

beforeAll(async () => {
  const [c, b, br, l] = await Promise.all([
    startClassifierServer({ variant: 'clean', port: 0 }),
    startClassifierServer({ variant: 'backdoored', port: 0 }),
    startClassifierServer({ variant: 'brittle', port: 0 }),
    startLlmServer({ port: 0, flaws: ['over-refusing'] }),
  ])
  servers.push(c, b, br, l)
  clean = c.url
  backdoored = b.url
  brittle = br.url
  overRefusing = l.url
  const ev = await evidenceFiles('spam-filter', '1.4.0')
  dir = ev.dir
  // 600 messages per sender group (as the sample export): bias_metrics compares the groups on
  // the same messages, with enough distinct items for its interval to decide.
  await writeFile(path.join(dir, 'dataset.json'), JSON.stringify(groupHoldoutDataset(600, 1)))
  await writeFile(path.join(dir, 'model.safetensors'), tinySafetensors())
  classifierArgs = ['--model', 'spam-filter', '--version', '1.4.0', '--dataset', path.join(dir, 'dataset.json'), '--artifact', path.join(dir, 'model.safetensors'), ...ev.args]
}, 60_000)

afterAll(async () => {
  for (const s of servers) await s.close()
})

describe('modelgate evaluate, with no database, Redis or service', () => {
  it('blocks the backdoored classifier: exit 1, adversarial_robustness failed naming the trigger, failing cases printed, JUnit names the check', async () => {
    const junitOut = path.join(dir, 'backdoored.xml')
    const md = path.join(dir, 'backdoored.md')
    const r = await cli(['evaluate', '--endpoint-url', backdoored, ...classifierArgs, '--junit', junitOut, '--markdown', md], NOTHING)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/failed\s+adversarial_robustness — .*backdoor_trigger defends .*"No cross, no crown\."/)
    expect(r.stdout).toMatch(/failing cases \(\d+ of \d+ kept/)
    expect(r.stdout).toMatch(/\[backdoor_trigger\] .*No cross, no crown/)
    expect(r.stdout).toMatch(/not_applicable regression_test — not applicable: offline: no --baseline-endpoint/)
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(await readFile(junitOut, 'utf8'))
    const cases = doc.testsuites.testsuite.flatMap((s: { testcase: Array<{ '@_name': string; failure?: unknown }> }) => s.testcase)
    expect(cases.filter((c: { failure?: unknown }) => c.failure).map((c: { '@_name': string }) => c['@_name'])).toEqual(['adversarial_robustness'])
    const markdown = await readFile(md, 'utf8')
    expect(markdown).toMatch(/\*\*blocked\*\*/)
    expect(markdown).toMatch(/### Why[\s\S]*adversarial_robustness[\s\S]*No cross, no crown/)
  })

  it('passes the clean classifier: exit 0, every check passed or not applicable', async () => {
    const r = await cli(['evaluate', '--endpoint-url', clean, ...classifierArgs, '--json'], NOTHING)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const checks = checksOf(r.stdout)
    expect([...checks.values()].filter((c) => c.status !== 'passed' && c.status !== 'not_applicable')).toEqual([])
    for (const id of ['unit_tests', 'integration_tests', 'accuracy_benchmark', 'bias_metrics', 'security_scan', 'adversarial_robustness', 'model_card']) expect(checks.get(id)?.status, id).toBe('passed')
  })

  it('compares against --baseline-endpoint on the same dataset: the brittle model regressed against the clean one', async () => {
    const policy = await writePolicy('regression-only.json', (p) => {
      p.environments.dev.tiers = [{ tier: 'automated', checks: [{ id: 'regression_test', params: { maxDrop: 0.01 }, severity: 'medium' }] }]
    })
    const [r, same] = await Promise.all([
      // A drop of about five points on 1,190 distinct items: wholly below the margin.
      cli(['evaluate', '--endpoint-url', brittle, '--baseline-endpoint', clean, ...classifierArgs, '--policy', policy, '--json'], NOTHING),
      cli(['evaluate', '--endpoint-url', clean, '--baseline-endpoint', clean, ...classifierArgs, '--policy', policy, '--json'], NOTHING),
    ])
    expect(r.code, r.stdout + r.stderr).toBe(1)
    const regression = checksOf(r.stdout).get('regression_test')!
    expect(regression.status).toBe('failed')
    expect(regression.summary).toMatch(/accuracy 0\.\d+ → 0\.\d+/)
    // Against itself nothing regresses.
    expect(same.code, same.stdout + same.stderr).toBe(0)
    expect(checksOf(same.stdout).get('regression_test')?.status).toBe('passed')
  })

  it('scans --artifact in-process as an upload is scanned: a pickle that runs os.system fails security_scan', async () => {
    // The scan alone: the other checks of the clean model are the previous test's.
    const policy = await writePolicy('scan-only.json', (p) => {
      const scan = p.environments.dev.tiers.flatMap((t) => t.checks).find((c) => c.id === 'security_scan')!
      p.environments.dev.tiers = [{ tier: 'automated', checks: [scan] }]
    })
    const evil = path.resolve(import.meta.dirname, '../fixtures/artifacts/evil_os_system_p2.pkl')
    const r = await cli(['evaluate', '--endpoint-url', clean, ...classifierArgs, '--artifact', evil, '--policy', policy, '--json'], NOTHING)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    const scan = checksOf(r.stdout).get('security_scan')!
    expect(scan.status).toBe('failed')
    expect(scan.summary).toMatch(/the model file has \d+ critical\/high finding\(s\): evil_os_system_p2\.pkl.*(os|posix)\.system/)
  })

  it('reports sign-offs as not_applicable offline, never passed; data_provenance with nothing to verify fails', async () => {
    const r = await cli(['evaluate', '--endpoint-url', clean, ...classifierArgs, '--target', 'prod', '--json'], NOTHING)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    const checks = checksOf(r.stdout)
    for (const id of SIGNOFFS) {
      expect(checks.get(id)?.status, id).toBe('not_applicable')
      expect(checks.get(id)?.details.reason, id).toBe("offline: needs the service's approvals/attestations")
    }
    expect(checks.get('data_provenance')?.status).toBe('failed')
    // Everything measurable on the clean model still passed; only what needs the service did not.
    expect([...checks.values()].filter((c) => c.status === 'failed').map((c) => c.id)).toEqual(['data_provenance'])
  })

  it('verifies provenance against --trusted-key: passes with the signer key, fails with another key or none', async () => {
    const policy = await writePolicy('provenance-only.json', (p) => {
      p.environments.staging.tiers = [{ tier: 'security', checks: [{ id: 'data_provenance', params: {}, severity: 'critical' }] }]
    })
    const signer = makeKey('ed25519')
    const stranger = makeKey('p256')
    const artifactHex = createHash('sha256').update(tinySafetensors()).digest('hex')
    await writeFile(path.join(dir, 'provenance.json'), JSON.stringify(envelopeFor(slsaStatement({ subjectHex: artifactHex }), signer)))
    await writeFile(path.join(dir, 'signer.pem'), signer.publicPem)
    await writeFile(path.join(dir, 'stranger.pem'), stranger.publicPem)
    const run = (...keys: string[]) => cli(['evaluate', ...classifierArgs, '--target', 'staging', '--policy', policy, '--provenance', path.join(dir, 'provenance.json'), ...keys.flatMap((k) => ['--trusted-key', path.join(dir, k)]), '--json'], NOTHING)
    const [trusted, other, none] = await Promise.all([run('stranger.pem', 'signer.pem'), run('stranger.pem'), run()])
    expect(trusted.code, trusted.stdout + trusted.stderr).toBe(0)
    expect(checksOf(trusted.stdout).get('data_provenance')?.summary).toMatch(/provenance verified: signed by/)
    expect(other.code, other.stdout + other.stderr).toBe(1)
    expect(checksOf(other.stdout).get('data_provenance')?.summary).toMatch(/provenance did not verify/)
    expect(none.code).toBe(1)
    expect(checksOf(none.stdout).get('data_provenance')?.summary).toBe('no signing key is trusted yet')
  })

  it('blocks an over-refusing chat model on over_refusal (--kind llm, a policy file selecting the check)', async () => {
    const policy = await writePolicy('over-refusal.json', (p) => {
      p.environments.dev.tiers = [{ tier: 'security', checks: [{ id: 'over_refusal', params: {}, severity: 'medium' }] }]
    })
    const r = await cli(['evaluate', '--kind', 'llm', '--endpoint-url', overRefusing, '--endpoint-model', 'sample', '--policy', policy], NOTHING)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/failed\s+over_refusal — over-refusal: .*n=\d+/)
    expect(r.stdout).not.toMatch(/accuracy_benchmark/)
  })

  it('imports nothing that opens connections: no service, store, Prisma, BullMQ or ioredis module in its graph', async () => {
    const out = await build({ entryPoints: [path.resolve(import.meta.dirname, '../../src/cli/commands/evaluate.ts')], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, logLevel: 'silent', outdir: dir })
    const inputs = Object.keys(out.metafile.inputs)
    expect(inputs.some((i) => i.includes('src/evaluation/services.ts'))).toBe(true)
    expect(inputs.filter((i) => /src\/(services|store|generated|queue|http)\/|node_modules\/(@prisma|prisma|bullmq|ioredis|pg)\//.test(i))).toEqual([])
  })

  it('exits 3 naming the param for a policy with a mistyped or ill-typed param, and for an unreadable file', async () => {
    const typo = await writePolicy('typo.json', (p) => {
      p.environments.dev.tiers[0]!.checks.find((c) => c.id === 'accuracy_benchmark')!.params = { minAcuracy: 0.9 }
    })
    const wrongType = await writePolicy('wrong-type.json', (p) => {
      p.environments.dev.tiers[0]!.checks.find((c) => c.id === 'accuracy_benchmark')!.params = { minAccuracy: 'high' }
    })
    const mixedDataset = path.join(dir, 'mixed.json')
    await writeFile(mixedDataset, JSON.stringify([{ input: 'a', label: 'spam' }, { input: 'b', expected: 'c' }]))
    const run = (...extra: string[]) => cli(['evaluate', '--endpoint-url', clean, ...classifierArgs, ...extra], NOTHING)
    const [r, w, missing, mixed, kind] = await Promise.all([
      run('--policy', typo),
      run('--policy', wrongType),
      run('--unit-tests', path.join(dir, 'nope.xml')),
      run('--dataset', mixedDataset),
      cli(['evaluate', '--kind', 'regression'], NOTHING),
    ])
    expect(r.code).toBe(3)
    expect(r.stderr).toMatch(/accuracy_benchmark: unknown param "minAcuracy"/)
    expect(w.code).toBe(3)
    expect(w.stderr).toMatch(/param "minAccuracy"/)
    expect(missing.code).toBe(3)
    expect(missing.stderr).toMatch(/cannot read the unit test report file .*nope\.xml: ENOENT/)
    expect(mixed.code).toBe(3)
    expect(mixed.stderr).toMatch(/mixes them/)
    expect(kind.code).toBe(3)
    // Nothing was measured: a refused input stops the run before any check.
    for (const x of [r, w, missing, mixed]) expect(x.stdout).not.toMatch(/passed|failed/)
  })
})
