import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Policy } from '../../src/domain/policy.js'
import { evidencePolicy } from '../helpers/policies.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, settle } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/artifacts/${name}`, import.meta.url))
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

let h: Harness
let ci: string
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'modelgate-artifacts-'))
  h = await startHarness({ worker: true, env: { MODELGATE_ARTIFACT_DIR: dir, MODELGATE_ARTIFACT_MAX_BYTES: String(64 * 1024) } })
  ci = await h.key('ci', ['ci'])
  await registerModel(h, 'vision', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
})
afterAll(async () => {
  await h?.close()
  await rm(dir, { recursive: true, force: true })
})

const upload = (key: string | null, file: string, body: Buffer, version = '1.0.0', model = 'vision') =>
  h.request(key, { method: 'PUT', url: `/v1/models/${model}/versions/${version}/artifacts/${file}`, headers: { 'content-type': 'application/octet-stream' }, payload: body })

describe('artifact upload', () => {
  it('hashes, scans and keeps a clean file by its digest', async () => {
    const bytes = fixture('good.safetensors')
    const res = await upload(ci, 'model.safetensors', bytes)
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json()).toMatchObject({ filename: 'model.safetensors', digest: `sha256:${sha(bytes)}`, size: bytes.length, format: 'safetensors', findings: [], worstSeverity: null, stored: true, uploadedBy: 'ci' })
    expect(existsSync(path.join(dir, sha(bytes)))).toBe(true)
  })

  it('records the findings of a pickle that runs code, with file, offset and global', async () => {
    const res = await upload(ci, 'model.pt', fixture('torch_evil.pt'))
    expect(res.statusCode).toBe(201)
    const body = res.json()
    expect(body.worstSeverity).toBe('critical')
    expect(body.findings[0]).toMatchObject({ severity: 'critical', file: expect.stringContaining('.pkl'), offset: expect.any(Number), global: expect.any(String), reason: expect.any(String) })
  })

  it('lists a version\'s files with their findings and a manifest digest', async () => {
    const res = await h.request(ci, { method: 'GET', url: '/v1/models/vision/versions/1.0.0/artifacts' })
    expect(res.statusCode).toBe(200)
    const list = res.json()
    expect(list.items.map((i: { filename: string }) => i.filename)).toEqual(['model.pt', 'model.safetensors'])
    expect(list.manifestDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
    expectProblem(await h.request(ci, { method: 'GET', url: '/v1/models/vision/versions/9.9.9/artifacts' }), 404)
  })

  it('answers 413 past the size limit and records nothing', async () => {
    const before = await h.db.prisma.artifactFile.count()
    expectProblem(await upload(ci, 'big.bin', Buffer.alloc(65 * 1024, 1)), 413)
    expect(await h.db.prisma.artifactFile.count()).toBe(before)
  })

  it('refuses bad filenames (400), unknown models (404), and principals without ci or model_owner (403)', async () => {
    expectProblem(await upload(ci, '..%2F..%2Fetc%2Fpasswd', Buffer.from('x')), 400)
    expectProblem(await upload(ci, '.hidden', Buffer.from('x')), 400)
    expectProblem(await upload(ci, 'model.bin', Buffer.from('x'), '1.0.0', 'nope'), 404)
    const viewer = await h.key('viewer', ['viewer'])
    expectProblem(await upload(viewer, 'model.bin', Buffer.from('x')), 403)
    expectProblem(await upload(null, 'model.bin', Buffer.from('x')), 401)
  })
})

describe('promotions name an uploaded artifact', () => {
  const promote = (version: string, digest: string) =>
    h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'vision', version, targetEnvironment: 'dev', artifact: { uri: 's3://m/model', digest }, evidence: goodEvidence({ model: 'vision', version }) } })

  it('refuses a digest that matches no uploaded file (422)', async () => {
    const res = expectProblem(await promote('1.0.0', `sha256:${'0'.repeat(64)}`), 422)
    expect(res.detail).toMatch(/matches no file uploaded/)
  })

  it('blocks a promotion whose artifact runs code when loaded, listing the finding', async () => {
    const res = await promote('1.0.0', `sha256:${sha(fixture('torch_evil.pt'))}`)
    expect(res.statusCode, res.body).toBe(202)
    const p = await settle(h, ci, res.json().id, ['promoted', 'blocked'])
    expect(p.status).toBe('blocked')
    const scan = p.gates[0].checks.find((c: { id: string }) => c.id === 'security_scan')
    expect(scan.status).toBe('failed')
    expect(scan.summary).toMatch(/the model file has \d+ critical\/high finding/)
    expect(scan.details.artifact.findings[0]).toMatchObject({ severity: 'critical', artifact: 'model.pt' })
  })

  it('promotes one whose artifact is clean', async () => {
    const bytes = fixture('good.safetensors')
    expect((await upload(ci, 'model.safetensors', bytes, '2.0.0')).statusCode).toBe(201)
    const res = await promote('2.0.0', `sha256:${sha(bytes)}`)
    expect(res.statusCode).toBe(202)
    expect((await settle(h, ci, res.json().id, ['promoted', 'blocked'])).status).toBe('promoted')
  })
})

describe('framework allow-lists, per model, through the security_scan policy', () => {
  const sklearnModel = fixture('benign/sklearn_logreg.joblib')
  const evilTorch = fixture('torch_evil.pt')
  let hf: Harness
  let ciF: string

  beforeAll(async () => {
    const policy: Policy = evidencePolicy()
    policy.version = `${policy.version}+frameworks`
    for (const env of Object.values(policy.environments)) {
      for (const tier of env.tiers) {
        for (const check of tier.checks) if (check.id === 'security_scan') check.params.allowFrameworks = [{ framework: 'sklearn', models: ['fraud'] }]
      }
    }
    hf = await startHarness({ worker: true, policy, env: { MODELGATE_ARTIFACT_DIR: dir } })
    ciF = await hf.key('ci', ['ci'])
    for (const model of ['fraud', 'other']) await registerModel(hf, model, 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
  })
  afterAll(async () => {
    await hf?.close()
  })

  async function scanCheck(model: string, version: string, filename: string, bytes: Buffer) {
    const up = await hf.request(ciF, { method: 'PUT', url: `/v1/models/${model}/versions/${version}/artifacts/${filename}`, headers: { 'content-type': 'application/octet-stream' }, payload: bytes })
    expect(up.statusCode, up.body).toBe(201)
    const res = await hf.request(ciF, { method: 'POST', url: '/v1/promotions', payload: { model, version, targetEnvironment: 'dev', artifact: { uri: 's3://m/model', digest: `sha256:${sha(bytes)}` }, evidence: goodEvidence({ model, version }) } })
    expect(res.statusCode, res.body).toBe(202)
    const p = await settle(hf, ciF, res.json().id, ['promoted', 'blocked'])
    return p.gates[0].checks.find((c: { id: string }) => c.id === 'security_scan')
  }

  it('admits a scikit-learn model written by joblib for the model the policy names', async () => {
    const scan = await scanCheck('fraud', '1.0.0', 'model.joblib', sklearnModel)
    expect(scan.status, JSON.stringify(scan.details.artifact)).toBe('passed')
    expect(scan.details.artifact.frameworks).toEqual(['sklearn'])
    expect(scan.details.artifact.admitted[0]).toMatchObject({ global: expect.stringMatching(/^sklearn\./), by: 'sklearn/1' })
  })

  it('refuses the same file for a model the policy does not name: its classes are not on the allow-list', async () => {
    const scan = await scanCheck('other', '1.0.0', 'model.joblib', sklearnModel)
    expect(scan.status).toBe('failed')
    expect(scan.details.artifact.findings[0]).toMatchObject({ severity: 'high', global: expect.stringMatching(/^sklearn\./), frameworks: ['sklearn/1'] })
  })

  it('the deny list still wins: the framework list never admits a pickle that runs code', async () => {
    const scan = await scanCheck('fraud', '2.0.0', 'model.pt', evilTorch)
    expect(scan.status).toBe('failed')
    expect(scan.details.artifact.findings[0]).toMatchObject({ severity: 'critical' })
  })
})
