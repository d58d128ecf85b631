import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPairSync } from 'node:crypto'
import { afterAll, describe, expect, it } from 'vitest'
import {
  buildVerdictStatement,
  loadOrCreateSigningKey,
  signVerdict,
  TEST_RESULT_V0_1,
  trustedKeyFromPem,
  verifyDsse,
  verifyProvenance,
  type VerdictInput,
} from '../../src/provenance/index.js'
import { ARTIFACT, context } from './fixtures.js'

const promotion: VerdictInput['promotion'] = {
  id: 'p-1',
  model: 'fraud-detector',
  version: '1.4.0',
  targetEnvironment: 'prod',
  status: 'promoted',
  policyVersion: 3,
  decidedAt: new Date('2025-01-02T03:04:05Z'),
}
const passed = { id: 'accuracy_benchmark', tier: 'automated', status: 'passed', measured: 0.97, threshold: 0.95 }
const notApplicable = { id: 'safety_benchmarks', tier: 'security', status: 'not_applicable', measured: null, threshold: null, details: { reason: 'safety benchmarks judge generated text; a classifier generates none' } }
const warned = { id: 'bias_metrics', tier: 'automated', status: 'inconclusive', measured: { dpd: 0.09 }, threshold: 0.1, details: { allowedByPolicy: true } }
const undecided = { id: 'bias_metrics', tier: 'automated', status: 'inconclusive', measured: { dpd: 0.09 }, threshold: 0.1, details: {} }
const failed = { id: 'security_scan', tier: 'security', status: 'failed', measured: { critical: 1 }, threshold: { critical: 0 } }

describe('buildVerdictStatement', () => {
  it('carries how each measured check asked the model, and the cache hits and model calls over all checks', () => {
    const chat = { id: 'safety_benchmarks', tier: 'security', status: 'failed', measured: {}, threshold: {}, details: { generation: { temperature: 0, seed: null, repeats: 3 }, cache: { hits: 40, calls: 80 }, flakyCases: { count: 12, byCategory: { jailbreak: 12 }, sample: [] } } }
    const labels = { ...passed, details: { cache: { hits: 5, calls: 0 } } }
    const annotations = buildVerdictStatement({ promotion, artifactDigest: `sha256:${ARTIFACT}`, checks: [labels, chat, failed] }).predicate.configuration[0]!.annotations as { checks: Array<Record<string, unknown>>; evaluationCache: unknown }
    expect(annotations.evaluationCache).toEqual({ hits: 45, calls: 80 })
    expect(annotations.checks[1]).toMatchObject({ id: 'safety_benchmarks', generation: { temperature: 0, seed: null, repeats: 3 }, cache: { hits: 40, calls: 80 }, flakyCases: 12 })
    expect(annotations.checks[0]).toMatchObject({ cache: { hits: 5, calls: 0 } })
    expect(annotations.checks[0]).not.toHaveProperty('generation')
    expect(annotations.checks[2]).not.toHaveProperty('cache')
    // No check asked a model: nothing claimed.
    expect(buildVerdictStatement({ promotion, artifactDigest: `sha256:${ARTIFACT}`, checks: [passed] }).predicate.configuration[0]!.annotations).not.toHaveProperty('evaluationCache')
  })

  it('is an in-toto test-result statement about the artifact', () => {
    const statement = buildVerdictStatement({ promotion, artifactDigest: `sha256:${ARTIFACT}`, checks: [passed], url: 'https://modelgate.example.com/promotions/p-1' })
    expect(statement).toEqual({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'fraud-detector@1.4.0', digest: { sha256: ARTIFACT } }],
      predicateType: TEST_RESULT_V0_1,
      predicate: {
        result: 'PASSED',
        configuration: [
          {
            name: 'modelgate-policy/3',
            annotations: {
              promotionId: 'p-1',
              model: 'fraud-detector',
              version: '1.4.0',
              targetEnvironment: 'prod',
              status: 'promoted',
              policyVersion: 3,
              decidedAt: '2025-01-02T03:04:05.000Z',
              checks: [passed],
            },
          },
        ],
        url: 'https://modelgate.example.com/promotions/p-1',
        passedTests: ['accuracy_benchmark'],
        warnedTests: [],
        failedTests: [],
        notApplicableTests: [],
      },
    })
  })

  const digest = `sha256:${ARTIFACT}`

  it('is PASSED when every applicable check passed: a check that does not apply is listed, with its reason, and is no warning', () => {
    const statement = buildVerdictStatement({ promotion, artifactDigest: digest, checks: [passed, notApplicable] })
    expect(statement.predicate).toMatchObject({ result: 'PASSED', passedTests: ['accuracy_benchmark'], warnedTests: [], failedTests: [], notApplicableTests: ['safety_benchmarks'] })
    expect(statement.predicate.configuration[0]!.annotations!.checks).toContainEqual({ id: 'safety_benchmarks', tier: 'security', status: 'not_applicable', measured: null, threshold: null, reason: notApplicable.details.reason })
  })

  it('is WARNED only when a check was let through by policy without passing', () => {
    const statement = buildVerdictStatement({ promotion, artifactDigest: digest, checks: [passed, notApplicable, warned] })
    expect(statement.predicate).toMatchObject({ result: 'WARNED', warnedTests: ['bias_metrics'], notApplicableTests: ['safety_benchmarks'], failedTests: [] })
    expect(statement.predicate.configuration[0]!.annotations!.checks).toContainEqual(expect.objectContaining({ id: 'bias_metrics', status: 'inconclusive', allowedByPolicy: true }))
  })

  it('is FAILED for a failed check, an inconclusive one the policy did not let through, a promotion not promoted, or nothing passed', () => {
    expect(buildVerdictStatement({ promotion, artifactDigest: digest, checks: [passed, notApplicable, failed] }).predicate).toMatchObject({ result: 'FAILED', failedTests: ['security_scan'] })
    expect(buildVerdictStatement({ promotion, artifactDigest: digest, checks: [passed, undecided] }).predicate).toMatchObject({ result: 'FAILED', failedTests: ['bias_metrics'], warnedTests: [] })
    expect(buildVerdictStatement({ promotion: { ...promotion, status: 'rejected' }, artifactDigest: digest, checks: [passed] }).predicate.result).toBe('FAILED')
    expect(buildVerdictStatement({ promotion, artifactDigest: digest, checks: [notApplicable] }).predicate.result).toBe('FAILED')
    // A status the verdict does not know is never read as a pass or a warning.
    expect(buildVerdictStatement({ promotion, artifactDigest: digest, checks: [passed, { ...passed, id: 'x', status: 'skipped' }] }).predicate).toMatchObject({ result: 'FAILED', failedTests: ['x'] })
  })

  it('records the endpoint it measured next to the artifact it scanned, and that their binding is unverified', () => {
    const endpoint = { protocol: 'openai-chat', url: 'http://127.0.0.1:9002/v1', model: 'helpdesk-7b' }
    const notes = buildVerdictStatement({ promotion, artifactDigest: digest, artifactFiles: [{ filename: 'model.safetensors', sha256: ARTIFACT }], endpoint, outputFilter: null, checks: [passed] }).predicate.configuration[0]!.annotations!
    expect(notes).toMatchObject({ endpoint, endpointServesArtifact: 'unverified', outputFilter: null, artifact: { digest, files: [{ filename: 'model.safetensors', sha256: ARTIFACT }] } })
    const none = buildVerdictStatement({ promotion, artifactDigest: digest, endpoint: null, checks: [passed] }).predicate.configuration[0]!.annotations!
    expect(none).toMatchObject({ endpoint: null, endpointServesArtifact: 'unverified' })
  })

  it('refuses an artifact digest that is not sha256', () => {
    expect(() => buildVerdictStatement({ promotion, artifactDigest: 'md5:00', checks: [] })).toThrow(/sha256/)
  })
})

describe('loadOrCreateSigningKey', () => {
  const dirs: string[] = []
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))))
  const tempDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'modelgate-key-'))
    dirs.push(dir)
    return dir
  }

  it('creates an ed25519 key with mode 0600 and reuses it afterwards', async () => {
    const path = join(await tempDir(), 'keys', 'verdict.pem')
    const first = await loadOrCreateSigningKey(path)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519')
    expect(await readFile(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/)
    const again = await loadOrCreateSigningKey(path)
    expect(again.keyId).toBe(first.keyId)
    expect(trustedKeyFromPem(again.publicKeyPem).keyId).toBe(first.keyId)
  })

  it('gives concurrent first callers the same key', async () => {
    const path = join(await tempDir(), 'verdict.pem')
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSigningKey(path)))
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1)
  })

  it('refuses a key file that is not ed25519', async () => {
    const path = join(await tempDir(), 'ec.pem')
    await writeFile(path, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }))
    await expect(loadOrCreateSigningKey(path)).rejects.toThrow(/expected ed25519/)
  })

  it('signs verdicts that verify against its public key', async () => {
    const key = await loadOrCreateSigningKey(join(await tempDir(), 'verdict.pem'))
    const statement = buildVerdictStatement({ promotion, artifactDigest: `sha256:${ARTIFACT}`, checks: [passed] })
    const envelope = signVerdict(statement, key.privateKey, key.keyId)
    const trusted = trustedKeyFromPem(key.publicKeyPem)
    const verified = verifyDsse(envelope, [trusted])
    expect(verified.ok && JSON.parse(verified.payload.toString())).toEqual(statement)
    // The verdict is a readable statement, though not provenance: its predicate type says so.
    const result = verifyProvenance(envelope, context([trusted], {}, { allowedPredicateTypes: [TEST_RESULT_V0_1] }))
    expect(result.checks.find((c) => c.name === 'subject_digest')?.ok).toBe(true)
    expect(result.checks.find((c) => c.name === 'predicate_type')?.ok).toBe(false)
  })
})
