// Artifacts are immutable once a promotion references their version: what was scanned,
// evaluated, approved and signed is what ships. Each rule is tried the way an attacker would.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tinySafetensors } from '../../samples/index.js'
import { trustedKeyFromPem, verifyDsse } from '../../src/provenance/index.js'
import { goodEvidence } from '../helpers/evidence.js'
import { startHarness, type Harness } from '../helpers/harness.js'
import { approve, registerModel, settle, toProdApproval, type Actors } from '../helpers/journey.js'
import { expectProblem } from '../helpers/problem.js'

const fixture = (name: string) => readFileSync(new URL(`../fixtures/artifacts/${name}`, import.meta.url))
const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`
const NO_RISK = { userFacing: false, handlesPii: false, financialImpact: false }

let h: Harness
let actors: Actors
const keys: Record<string, string> = {}

beforeAll(async () => {
  h = await startHarness({ worker: true })
  actors = { ci: await h.key('ci', ['ci']), redTeam: await h.key('red-team', ['red_team']) }
  for (const [name, roles] of Object.entries({ 'lead-1': ['ml_lead'], 'owner-team': ['model_owner'], 'other-owner': ['model_owner'] })) {
    keys[name] = await h.key(name, roles as never)
  }
  await registerModel(h, 'ledger', 'owner-team', NO_RISK)
})
afterAll(async () => h?.close())

const upload = (key: string, version: string, file: string, body: Buffer, model = 'ledger') =>
  h.request(key, { method: 'PUT', url: `/v1/models/${model}/versions/${version}/artifacts/${file}`, headers: { 'content-type': 'application/octet-stream' }, payload: body })
const promote = (version: string, digest: string, target = 'dev') =>
  h.request(actors.ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'ledger', version, targetEnvironment: target, artifact: { uri: `s3://m/ledger/${version}`, digest }, evidence: goodEvidence({ model: 'ledger', version }) } })
const files = async (version: string) => (await h.request(actors.ci, { method: 'GET', url: `/v1/models/ledger/versions/${version}/artifacts` })).json()

describe('before any promotion references the version', () => {
  it('a re-upload replaces the file, and the replacement is audited with both digests', async () => {
    const first = tinySafetensors([1])
    const second = tinySafetensors([2])
    expect((await upload(actors.ci, '0.1.0', 'model.safetensors', first)).statusCode).toBe(201)
    const res = await upload(actors.ci, '0.1.0', 'model.safetensors', second)
    expect(res.statusCode, res.body).toBe(201)
    expect((await files('0.1.0')).items.map((i: { digest: string }) => i.digest)).toEqual([sha(second)])
    const event = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'artifact.replaced', model: 'ledger' } })
    expect(event.data).toMatchObject({ version: '0.1.0', filename: 'model.safetensors', digest: sha(second), replacedDigest: sha(first), replacedUploadedBy: 'ci' })
    // The same bytes again are idempotent: 200, nothing new recorded.
    const again = await upload(actors.ci, '0.1.0', 'model.safetensors', second)
    expect(again.statusCode, again.body).toBe(200)
    expect(again.json().digest).toBe(sha(second))
    expect(await h.db.prisma.auditEvent.count({ where: { model: 'ledger', action: { in: ['artifact.uploaded', 'artifact.replaced'] } } })).toBe(2)
  })

  it('a model_owner uploads only the files of a model it owns (403 otherwise, nothing recorded)', async () => {
    const before = await h.db.prisma.artifactFile.count()
    expectProblem(await upload(keys['other-owner']!, '0.2.0', 'model.safetensors', tinySafetensors([3])), 403)
    expect(await h.db.prisma.artifactFile.count()).toBe(before)
    expect((await upload(keys['owner-team']!, '0.2.0', 'model.safetensors', tinySafetensors([3]))).statusCode).toBe(201)
  })
})

describe('once a promotion references the version', () => {
  it('refuses to overwrite a flagged pickle with harmless bytes before security_scan runs, and the promotion is blocked', async () => {
    const evil = fixture('torch_evil.pt')
    expect((await upload(actors.ci, '1.0.0', 'model.pt', evil)).json().worstSeverity).toBe('critical')
    const created = await promote('1.0.0', sha(evil))
    expect(created.statusCode, created.body).toBe(202)
    // The swap: same name, harmless bytes; and a second file to point the digest elsewhere.
    const swap = expectProblem(await upload(actors.ci, '1.0.0', 'model.pt', fixture('torch_state_dict.pt')), 409)
    expect(swap.detail).toMatch(/immutable/)
    expectProblem(await upload(actors.ci, '1.0.0', 'clean.safetensors', tinySafetensors()), 409)
    const p = await settle(h, actors.ci, created.json().id, ['promoted', 'blocked'])
    expect(p.status).toBe('blocked')
    const scan = p.gates[0].checks.find((c: { id: string }) => c.id === 'security_scan')
    expect(scan).toMatchObject({ status: 'failed', details: { artifact: { digest: sha(evil), files: [{ filename: 'model.pt', digest: sha(evil) }] } } })
    const listed = await files('1.0.0')
    expect(listed).toMatchObject({ frozen: true, items: [{ filename: 'model.pt', digest: sha(evil), worstSeverity: 'critical' }] })
  })

  it('an upload racing the promotion that freezes the version: one of them wins, never both', async () => {
    for (let i = 0; i < 6; i++) {
      const version = `3.${i}.0`
      const judged = tinySafetensors([i, 1])
      expect((await upload(actors.ci, version, 'model.safetensors', judged)).statusCode).toBe(201)
      const [swap, created] = await Promise.all([upload(actors.ci, version, 'model.safetensors', tinySafetensors([i, 2])), promote(version, sha(judged))])
      // Either the swap committed first (and the digest no longer names an uploaded file), or
      // the promotion froze the version first (and the swap is refused).
      expect([[201, 422], [409, 202]]).toContainEqual([swap.statusCode, created.statusCode])
      const current = (await files(version)).items.map((f: { filename: string; digest: string }) => ({ filename: f.filename, sha256: f.digest.slice(7) }))
      if (created.statusCode === 202) {
        const row = await h.db.prisma.promotion.findUniqueOrThrow({ where: { id: created.json().id } })
        expect(row.artifactFiles).toEqual(current)
        expect(current).toEqual([{ filename: 'model.safetensors', sha256: sha(judged).slice(7) }])
      }
    }
  })

  it('the database itself refuses to change or add a frozen version\'s files', async () => {
    const v = await h.db.prisma.modelVersion.findFirstOrThrow({ where: { version: '1.0.0', model: { name: 'ledger' } } })
    await expect(h.db.prisma.artifactFile.updateMany({ where: { versionId: v.id }, data: { sha256: 'f'.repeat(64) } })).rejects.toThrow(/immutable/)
    await expect(h.db.prisma.artifactFile.create({ data: { versionId: v.id, filename: 'late.bin', sha256: 'e'.repeat(64), size: 1n, format: 'unknown', findings: [], globals: [], stored: false, uploadedBy: 'x' } })).rejects.toThrow(/immutable/)
  })

  it('a version in prod can never change, and its verdict still verifies against the digest that was judged', async () => {
    const weights = tinySafetensors([4, 2])
    const head = tinySafetensors([0.25])
    expect((await upload(actors.ci, '2.0.0', 'model.safetensors', weights)).statusCode).toBe(201)
    expect((await upload(actors.ci, '2.0.0', 'head.safetensors', head)).statusCode).toBe(201)
    const manifest = (await files('2.0.0')).manifestDigest as string
    const artifact = { uri: 's3://m/ledger/2.0.0', digest: manifest }
    const p = await toProdApproval(h, actors, 'ledger', '2.0.0', goodEvidence({ model: 'ledger', version: '2.0.0' }), { artifact })
    expect(p.status, p.failureSummary).toBe('awaiting_approval')
    for (const [who, role] of [['lead-1', 'ml_lead'], ['owner-team', 'model_owner']] as const) {
      const res = await approve(h, keys[who]!, p.id, role)
      expect(res.statusCode, res.body).toBe(201)
    }
    expect((await settle(h, actors.ci, p.id)).status).toBe('promoted')

    for (const key of [actors.ci, keys['owner-team']!]) {
      expectProblem(await upload(key, '2.0.0', 'model.safetensors', tinySafetensors([6, 6, 6])), 409)
      expectProblem(await upload(key, '2.0.0', 'head.safetensors', tinySafetensors([0.5])), 409)
      expectProblem(await upload(key, '2.0.0', 'backdoor.pkl', fixture('evil_os_system_p2.pkl')), 409)
      expect((await upload(key, '2.0.0', 'head.safetensors', head)).statusCode).toBe(200)
    }
    const after = await files('2.0.0')
    expect(after).toMatchObject({ frozen: true, manifestDigest: manifest })
    expect(after.items.map((i: { filename: string; digest: string }) => `${i.filename}=${i.digest}`)).toEqual([`head.safetensors=${sha(head)}`, `model.safetensors=${sha(weights)}`])

    const key = (await h.request(null, { method: 'GET', url: '/v1/signing-key' })).json()
    const envelope = (await h.request(actors.ci, { method: 'GET', url: `/v1/promotions/${p.id}/attestation` })).json()
    const verified = verifyDsse(envelope, [trustedKeyFromPem(key.publicKeyPem)])
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    const statement = JSON.parse(verified.payload.toString())
    expect(statement.subject[0].digest.sha256).toBe(manifest.slice('sha256:'.length))
    const scan = statement.predicate.configuration[0].annotations.checks.find((c: { id: string }) => c.id === 'security_scan')
    expect(scan.status).toBe('passed')
  })
})
