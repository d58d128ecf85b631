// data_provenance through the API: trusted keys, signed statements about uploaded artifacts,
// and the service's own signed verdict, verified with its published key.
import { createHash, generateKeyPairSync } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tinySafetensors } from '../../samples/index.js'
import { IN_TOTO_PAYLOAD_TYPE, trustedKeyFromPem, verifyDsse } from '../../src/provenance/index.js'
import { goodEvidence } from '../helpers/evidence.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, settle } from '../helpers/journey.js'
import { evidencePolicy } from '../helpers/policies.js'
import { expectProblem } from '../helpers/problem.js'
import { confirmChange } from '../helpers/changes.js'
import { envelopeFor, makeKey, modelSigningStatement, slsaStatement, type TestKey } from '../provenance/fixtures.js'

let h: Harness
let ci: string
let redTeam: string
let trusted: TestKey
const stranger = makeKey('p256')
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex')

beforeAll(async () => {
  h = await startHarness({ worker: true, policy: evidencePolicy({ keep: ['data_provenance'] }) })
  ci = await h.key('ci', ['ci'])
  redTeam = await h.key('red-team', ['red_team'])
  trusted = makeKey('ed25519')
  const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: trusted.publicPem, scope: { models: ['fraud-*'] } } })
  const applied = await confirmChange(h, res)
  expect(applied.result).toMatchObject({ keyId: trusted.keyId, algorithm: 'ed25519', scope: { models: ['fraud-*'] }, createdBy: 'admin' })
  await registerModel(h, 'fraud-scorer', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
  await registerModel(h, 'churn', 'owner', { userFacing: false, handlesPii: false, financialImpact: false })
})
afterAll(async () => h?.close())

async function upload(model: string, version: string, file: string, bytes: Buffer) {
  const res = await h.request(ci, { method: 'PUT', url: `/v1/models/${model}/versions/${version}/artifacts/${file}`, headers: { 'content-type': 'application/octet-stream' }, payload: bytes })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().digest as string
}

/** dev, then staging with a red-team pass and the given provenance. */
async function toStaging(model: string, version: string, digest: string, provenance: unknown) {
  const dev = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model, version, targetEnvironment: 'dev', artifact: { uri: `s3://m/${version}`, digest }, evidence: goodEvidence({ model, version }) } })
  expect((await settle(h, ci, dev.json().id)).status).toBe('promoted')
  await h.request(redTeam, { method: 'POST', url: `/v1/models/${model}/versions/${version}/attestations`, payload: { kind: 'red-team', verdict: 'pass', reportUri: 's3://rt.pdf' } })
  const res = await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model, version, targetEnvironment: 'staging', artifact: { uri: `s3://m/${version}`, digest }, evidence: { ...goodEvidence({ model, version }), provenance } } })
  expect(res.statusCode, res.body).toBe(202)
  return settle(h, ci, res.json().id)
}
const provenanceCheck = (p: any) => p.gates[1].checks.find((c: { id: string }) => c.id === 'data_provenance')

describe('trusted keys', () => {
  it('refuses RSA and malformed keys (422), duplicates (409), and non-admins (403)', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString()
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: rsa } }), 422)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: '-----BEGIN PUBLIC KEY-----\nnot a key at all, really\n-----END PUBLIC KEY-----' } }), 422)
    expectProblem(await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: trusted.publicPem } }), 409)
    expectProblem(await h.request(ci, { method: 'POST', url: '/v1/trusted-keys', payload: { pem: stranger.publicPem } }), 403)
    const list = (await h.request(ADMIN_KEY, { method: 'GET', url: '/v1/trusted-keys' })).json()
    expect(list.items.map((k: { keyId: string }) => k.keyId)).toEqual([trusted.keyId])
  })
})

describe('data_provenance', () => {
  it('verifies SLSA provenance signed by a trusted key about this artifact, and records the datasets', async () => {
    const digest = await upload('fraud-scorer', '1.0.0', 'model.safetensors', tinySafetensors())
    const p = await toStaging('fraud-scorer', '1.0.0', digest, envelopeFor(slsaStatement({ subjectHex: digest.slice(7) }), trusted))
    expect(p.status, p.failureSummary).toBe('promoted')
    expect(provenanceCheck(p)).toMatchObject({ status: 'passed', measured: { signature: true, trusted_key: true, subject_digest: true, datasets: true } })
    const v = await h.db.prisma.modelVersion.findFirstOrThrow({ where: { version: '1.0.0', model: { name: 'fraud-scorer' } } })
    expect(v.trainingDatasets).toEqual(expect.arrayContaining([expect.objectContaining({ uri: 's3://data/fraud/2024-06.parquet' })]))
  })

  it('blocks a tampered payload, an untrusted key, a wrong digest, and a key out of scope, saying which check failed', async () => {
    const digest = await upload('fraud-scorer', '2.0.0', 'model.safetensors', tinySafetensors([1, 2, 3, 4]))
    const good = envelopeFor(slsaStatement({ subjectHex: digest.slice(7) }), trusted)
    const tampered = { ...good, payload: Buffer.from(Buffer.from(good.payload, 'base64').toString().replace('train.yaml', 'evil.yaml')).toString('base64') }
    const blocked = await toStaging('fraud-scorer', '2.0.0', digest, tampered)
    expect(blocked.status).toBe('blocked')
    expect(provenanceCheck(blocked).summary).toMatch(/signature/)

    const d3 = await upload('fraud-scorer', '3.0.0', 'model.safetensors', tinySafetensors([3]))
    const untrusted = await toStaging('fraud-scorer', '3.0.0', d3, envelopeFor(slsaStatement({ subjectHex: d3.slice(7) }), stranger))
    expect(untrusted.status).toBe('blocked')
    expect(provenanceCheck(untrusted).measured.signature).toBe(false)

    const d4 = await upload('fraud-scorer', '4.0.0', 'model.safetensors', tinySafetensors([4]))
    const wrong = await toStaging('fraud-scorer', '4.0.0', d4, envelopeFor(slsaStatement({ subjectHex: 'b'.repeat(64) }), trusted))
    expect(wrong.status).toBe('blocked')
    expect(provenanceCheck(wrong).measured.subject_digest).toBe(false)

    const d5 = await upload('churn', '1.0.0', 'model.safetensors', tinySafetensors([5]))
    const outOfScope = await toStaging('churn', '1.0.0', d5, envelopeFor(slsaStatement({ subjectHex: d5.slice(7) }), trusted))
    expect(outOfScope.status).toBe('blocked')
    expect(provenanceCheck(outOfScope).measured.trusted_key).toBe(false)
  })

  it('checks a model_signing manifest against every uploaded file: a missing file blocks', async () => {
    const weights = tinySafetensors([7, 7])
    const config = Buffer.from('{"layers":2}')
    const dw = await upload('fraud-scorer', '5.0.0', 'model.safetensors', weights)
    await upload('fraud-scorer', '5.0.0', 'config.json', config)
    const files = [{ path: 'model.safetensors', sha256: sha(weights) }, { path: 'config.json', sha256: sha(config) }]
    const ok = await toStaging('fraud-scorer', '5.0.0', dw, envelopeFor(modelSigningStatement(files, 'fraud-scorer'), trusted))
    // The manifest matches every uploaded file; a model_signing statement names no training
    // data, so under the default requireDatasets it still cannot pass on its own.
    expect(provenanceCheck(ok).measured).toMatchObject({ signature: true, subject_digest: true, manifest: true, datasets: false })

    const dx = await upload('fraud-scorer', '6.0.0', 'model.safetensors', weights)
    await upload('fraud-scorer', '6.0.0', 'extra.bin', Buffer.from('unsigned'))
    const missing = await toStaging('fraud-scorer', '6.0.0', dx, envelopeFor(modelSigningStatement(files, 'fraud-scorer'), trusted))
    expect(missing.status).toBe('blocked')
    expect(provenanceCheck(missing).measured.manifest).toBe(false)
  })

  it('fails without provenance, saying what to upload', async () => {
    const d = await upload('fraud-scorer', '7.0.0', 'model.safetensors', tinySafetensors([9]))
    const p = await toStaging('fraud-scorer', '7.0.0', d, undefined)
    expect(provenanceCheck(p).remedy).toMatch(/evidence\.provenance/)
  })
})

describe('the signed verdict', () => {
  it('signs a PASSED test-result statement about the artifact of a promoted version, verifiable with the published key', async () => {
    const key = (await h.request(null, { method: 'GET', url: '/v1/signing-key' })).json()
    expect(key).toMatchObject({ algorithm: 'ed25519', keyId: expect.stringMatching(/^[0-9a-f]{64}$/), publicKeyPem: expect.stringContaining('BEGIN PUBLIC KEY') })
    const p = await h.db.prisma.promotion.findFirstOrThrow({ where: { status: 'promoted', targetEnvironment: 'staging', model: { name: 'fraud-scorer' } }, orderBy: { createdAt: 'asc' } })
    const res = await h.request(ci, { method: 'GET', url: `/v1/promotions/${p.id}/attestation` })
    expect(res.statusCode, res.body).toBe(200)
    const verified = verifyDsse(res.json(), [trustedKeyFromPem(key.publicKeyPem)])
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    expect(verified.payloadType).toBe(IN_TOTO_PAYLOAD_TYPE)
    const statement = JSON.parse(verified.payload.toString())
    expect(statement.predicateType).toBe('https://in-toto.io/attestation/test-result/v0.1')
    expect(statement.subject[0].digest.sha256).toBe((p.artifact as { digest: string }).digest.slice(7))
    expect(statement.predicate.result).toBe('PASSED')
    expect(statement.predicate.passedTests).toEqual(expect.arrayContaining(['unit_tests', 'data_provenance']))
  })

  it('says FAILED for a blocked promotion, and refuses (409) one not yet decided', async () => {
    const blocked = await h.db.prisma.promotion.findFirstOrThrow({ where: { status: 'blocked' } })
    const env = (await h.request(ci, { method: 'GET', url: `/v1/promotions/${blocked.id}/attestation` })).json()
    expect(JSON.parse(Buffer.from(env.payload, 'base64').toString()).predicate.result).toBe('FAILED')
    const d = await upload('fraud-scorer', '8.0.0', 'model.safetensors', tinySafetensors([8]))
    await h.worker!.close()
    h.worker = undefined
    const queued = (await h.request(ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'fraud-scorer', version: '8.0.0', targetEnvironment: 'dev', artifact: { uri: 's3://x', digest: d }, evidence: goodEvidence({ model: 'fraud-scorer', version: '8.0.0' }) } })).json()
    expectProblem(await h.request(ci, { method: 'GET', url: `/v1/promotions/${queued.id}/attestation` }), 409)
    expectProblem(await h.request(ci, { method: 'GET', url: '/v1/promotions/7d1e7c1e-0000-4000-8000-000000000000/attestation' }), 404)
  })
})
