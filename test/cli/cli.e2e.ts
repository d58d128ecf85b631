// The modelgate CLI as a pipeline runs it: a subprocess against a real service (API, queue,
// workers, Postgres, Redis). Exit codes, reports, idempotent retries and verdict verification.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { XMLParser } from 'fast-xml-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tinySafetensors } from '../../samples/index.js'
import { junit } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, toProdApproval } from '../helpers/journey.js'
import { cli, evidenceFiles } from './helpers.js'

let h: Harness
let url: string
let ci: string
let env: Record<string, string>

beforeAll(async () => {
  h = await startHarness({ worker: true })
  await h.app.listen({ port: 0, host: '127.0.0.1' })
  url = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`
  ci = await h.key('ci-cli', ['ci'])
  env = { MODELGATE_URL: url, MODELGATE_TOKEN: ci }
  for (const m of ['cli-model', 'cli-blocked', 'cli-prod']) await registerModel(h, m, 'cli-team', { userFacing: false, handlesPii: false, financialImpact: false })
}, 60_000)
afterAll(async () => {
  await h?.close()
})

const idOf = (out: string) => /promotion ([0-9a-f-]{36})/.exec(out)?.[1]

describe('modelgate promote', () => {
  it('without --wait exits 0 once accepted and prints the id; a retried step with the same run id replays the same promotion', async () => {
    const ev = await evidenceFiles('cli-model', '1.0.0')
    const args = ['promote', '--model', 'cli-model', '--version', '1.0.0', '--target', 'dev', ...ev.args, '--run-id', 'run-42']
    const first = await cli(args, env)
    expect(first.code, first.stderr).toBe(0)
    const id = idOf(first.stdout)
    expect(id).toBeDefined()
    const retry = await cli(args, env)
    expect(retry.code, retry.stderr).toBe(0)
    expect(idOf(retry.stdout)).toBe(id)
    expect(retry.stdout).toMatch(/replayed/)
  })

  it('with --wait follows a promotion to promoted, exits 0, and writes JUnit and Markdown', async () => {
    const ev = await evidenceFiles('cli-model', '1.1.0')
    const junitOut = path.join(ev.dir, 'report.xml')
    const md = path.join(ev.dir, 'summary.md')
    const r = await cli(['promote', '--model', 'cli-model', '--version', '1.1.0', '--target', 'dev', ...ev.args, '--wait', '--poll-interval', '200', '--junit', junitOut, '--markdown', md], env)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/cli-model@1\.1\.0 → dev: promoted/)
    expect(r.stdout).toMatch(/passed\s+unit_tests/)
    const doc = new XMLParser({ ignoreAttributes: false }).parse(await readFile(junitOut, 'utf8'))
    expect(Number(doc.testsuites['@_failures'])).toBe(0)
    expect(await readFile(md, 'utf8')).toMatch(/\*\*promoted\*\*/)
  })

  it('with --wait exits 1 for a blocked promotion; the JUnit report names the failing check and the Markdown carries the failure summary', async () => {
    const ev = await evidenceFiles('cli-blocked', '1.0.0', { unitTests: junit({ passed: 3, failed: ['test_threshold'] }) })
    const junitOut = path.join(ev.dir, 'report.xml')
    const md = path.join(ev.dir, 'summary.md')
    const r = await cli(['promote', '--model', 'cli-blocked', '--version', '1.0.0', '--target', 'dev', ...ev.args, '--wait', '--poll-interval', '200', '--junit', junitOut, '--markdown', md], env)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/blocked/)
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(await readFile(junitOut, 'utf8'))
    const failing = doc.testsuites.testsuite.flatMap((s: { testcase: Array<{ '@_name': string; failure?: unknown }> }) => s.testcase).filter((c: { failure?: unknown }) => c.failure)
    expect(failing.map((c: { '@_name': string }) => c['@_name'])).toEqual(['unit_tests'])
    const markdown = await readFile(md, 'utf8')
    expect(markdown).toMatch(/\*\*blocked\*\*/)
    expect(markdown).toMatch(/### Why[\s\S]*unit_tests[\s\S]*test_threshold/)
    // status agrees with promote, and cases lists what failed
    const id = idOf(r.stdout)!
    expect((await cli(['status', id], env)).code).toBe(1)
    // rerun judges it again under the policy in force: the same evidence blocks again (exit 1).
    const again = await cli(['rerun', id, '--wait', '--poll-interval', '200'], env)
    expect(again.code, again.stdout + again.stderr).toBe(1)
    expect(again.stdout).toMatch(new RegExp(`promotion [0-9a-f-]{36} accepted: re-runs ${id} \\(cli-blocked@1\\.0\\.0 → dev\\)`))
    expect(again.stdout).toMatch(/blocked/)
    // An unknown promotion: exit 3 with the service's reason.
    const refused = await cli(['rerun', '00000000-0000-4000-8000-000000000000'], env)
    expect(refused.code).toBe(3)
    expect(refused.stderr).toMatch(/404/)
  }, 90_000)

  it('with --wait exits 2 at awaiting approval (without --wait-approval)', async () => {
    const redTeam = await h.key('red-team-cli', ['red_team'])
    const e = await evidenceFiles('cli-prod', '2.0.0')
    const evidence = {
      unitTests: await readFile(e.files.unitTests, 'utf8'),
      integrationTests: await readFile(e.files.integrationTests, 'utf8'),
      vulnerabilityReport: JSON.parse(await readFile(e.files.vulnerabilityReport, 'utf8')),
      modelCard: await readFile(e.files.modelCard, 'utf8'),
    }
    // dev and staging through the API; prod through the CLI. The prod promotion toProdApproval
    // opens is cancelled first: one active promotion per version and target.
    const pending = await toProdApproval(h, { ci, redTeam }, 'cli-prod', '2.0.0', evidence)
    expect((await h.request(ADMIN_KEY, { method: 'POST', url: `/v1/promotions/${pending.id}/cancel` })).statusCode).toBe(200)
    const r = await cli(['promote', '--model', 'cli-prod', '--version', '2.0.0', '--target', 'prod', ...e.args, '--wait', '--poll-interval', '200', '--run-id', 'prod-run'], env)
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stdout).toMatch(/awaiting approval by: .*ml_lead/)
  })

  it('exits 3 on bad usage, a missing token, a bad token and an unreachable service', async () => {
    expect((await cli(['promote', '--model', 'x'], env)).code).toBe(3)
    expect((await cli(['promote', '--model', 'x', '--version', '1', '--target', 'qa'], env)).code).toBe(3)
    expect((await cli(['status', 'abc'], { MODELGATE_URL: url })).code).toBe(3)
    const bad = await cli(['status', '00000000-0000-0000-0000-000000000000'], { MODELGATE_URL: url, MODELGATE_TOKEN: 'not-a-key' })
    expect(bad.code).toBe(3)
    expect(bad.stderr).toMatch(/401/)
    const down = await cli(['status', '00000000-0000-0000-0000-000000000000', '--url', 'http://127.0.0.1:1'], { MODELGATE_TOKEN: ci })
    expect(down.code).toBe(3)
    expect(down.stderr).toMatch(/cannot reach/)
    const missingFile = await cli(['promote', '--model', 'cli-model', '--version', '9.9.9', '--target', 'dev', '--unit-tests', '/nonexistent/unit.xml'], env)
    expect(missingFile.code).toBe(3)
    expect(missingFile.stderr).toMatch(/cannot read the unit test report file/)
  })
})

describe('modelgate verify', () => {
  it('accepts a real PASSED verdict, online and offline, and refuses a tampered one or one about another artifact', async () => {
    const ev = await evidenceFiles('cli-model', '1.2.0')
    const model = path.join(ev.dir, 'model.safetensors')
    await writeFile(model, tinySafetensors())
    const r = await cli(['promote', '--model', 'cli-model', '--version', '1.2.0', '--target', 'dev', ...ev.args, '--artifact', model, '--wait', '--poll-interval', '200'], env)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const id = idOf(r.stdout)!

    const key = (await h.request(ci, { method: 'GET', url: '/v1/signing-key' })).json().publicKeyPem as string
    const keyFile = path.join(ev.dir, 'modelgate.pem')
    await writeFile(keyFile, key)
    const ok = await cli(['verify', id, '--key', keyFile], env)
    expect(ok.code, ok.stdout + ok.stderr).toBe(0)
    expect(ok.stdout).toMatch(/signature valid/)
    expect(r.stdout).toMatch(/uploaded model\.safetensors: sha256:[0-9a-f]{64}/)

    // Offline: the envelope from a file and the pinned key, no service at all.
    const envelope = (await h.request(ci, { method: 'GET', url: `/v1/promotions/${id}/attestation` })).json()
    const good = path.join(ev.dir, 'verdict.json')
    await writeFile(good, JSON.stringify(envelope))
    expect((await cli(['verify', '--envelope', good, '--key', keyFile], { MODELGATE_URL: 'http://127.0.0.1:1' })).code).toBe(0)

    // Flip the result inside the signed payload: the signature no longer verifies.
    const statement = JSON.parse(Buffer.from(envelope.payload, 'base64').toString('utf8'))
    statement.predicate.failedTests = ['unit_tests']
    const tampered = path.join(ev.dir, 'tampered.json')
    await writeFile(tampered, JSON.stringify({ ...envelope, payload: Buffer.from(JSON.stringify(statement)).toString('base64') }))
    const bad = await cli(['verify', '--envelope', tampered, '--key', keyFile], {})
    expect(bad.code).toBe(1)
    expect(bad.stdout).toMatch(/INVALID/)

    // The right signature about another artifact is refused when the digest is pinned too.
    const other = await cli(['verify', '--envelope', good, '--key', keyFile, '--digest', `sha256:${'0'.repeat(64)}`], {})
    expect(other.code).toBe(1)
  })
})
