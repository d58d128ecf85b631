import { describe, expect, it } from 'vitest'
import { manifestDigestOfFiles, MODEL_SIGNING_DIGESTS_V0_1, verifyProvenance } from '../../src/provenance/index.js'
import { ARTIFACT, check, context, envelopeFor, failedChecks, FILES, makeKey, modelSigningStatement, sha256 } from './fixtures.js'

const key = makeKey('p256')
const lenient = { requireDatasets: false }

describe('verifyProvenance: OpenSSF model_signing v1.0 manifest', () => {
  it('accepts a good manifest whose files are exactly the uploaded ones', () => {
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], { uploadedFiles: FILES }, lenient))
    expect(failedChecks(result)).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.checks.map((c) => c.name)).toEqual(['format', 'signature', 'trusted_key', 'predicate_type', 'subject_digest', 'manifest', 'builder', 'datasets'])
    expect(check(result, 'subject_digest')?.detail).toMatch(/signed sha256 of model\.safetensors/)
    expect(check(result, 'manifest')?.detail).toMatch(/all 3 uploaded files match/)
    expect(result.manifest).toMatchObject({ modelName: 'fraud-detector', method: 'files', entries: expect.arrayContaining([{ path: 'config.json', algorithm: 'sha256', digest: FILES[0]!.sha256 }]) })
    expect(result.builder).toBeUndefined()
  })

  it('accepts the manifest digest itself as the artifact digest', () => {
    const manifestDigest = manifestDigestOfFiles(FILES)
    expect(modelSigningStatement().subject[0]!.digest.sha256).toBe(manifestDigest)
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], { artifactDigest: `sha256:${manifestDigest}`, uploadedFiles: FILES }, lenient))
    expect(result.ok).toBe(true)
    expect(check(result, 'subject_digest')?.detail).toMatch(/is the signed manifest digest/)
  })

  it('matches uploaded paths written differently (./, doubled slashes) and digests as sha256:<hex>', () => {
    const uploaded = FILES.map((f) => ({ path: `./${f.path.replace('/', '//')}`, sha256: `sha256:${f.sha256.toUpperCase()}` }))
    expect(verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], { uploadedFiles: uploaded }, lenient)).ok).toBe(true)
  })

  it('fails manifest when a signed file is missing and an unsigned one was added', () => {
    const uploaded = [FILES[0]!, FILES[1]!, { path: 'backdoor.pkl', sha256: sha256('payload') }]
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], { uploadedFiles: uploaded }, lenient))
    expect(failedChecks(result)).toEqual(['manifest'])
    const detail = check(result, 'manifest')?.detail ?? ''
    expect(detail).toMatch(/in the manifest but not uploaded: tokenizer\/vocab\.txt/)
    expect(detail).toMatch(/uploaded but not in the manifest: backdoor\.pkl/)
  })

  it('fails manifest when an uploaded file differs from its signed digest', () => {
    const uploaded = FILES.map((f) => (f.path === 'config.json' ? { ...f, sha256: sha256('{"layers":5}') } : f))
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], { uploadedFiles: uploaded }, lenient))
    expect(failedChecks(result)).toEqual(['manifest'])
    expect(check(result, 'manifest')?.detail).toMatch(/differ from the manifest: config\.json/)
  })

  it('fails manifest when the resources do not hash to the subject digest', () => {
    const statement = modelSigningStatement()
    statement.subject[0]!.digest.sha256 = sha256('something else')
    const result = verifyProvenance(envelopeFor(statement, key), context([key.trusted()], { uploadedFiles: FILES }, lenient))
    expect(check(result, 'manifest')).toMatchObject({ ok: false, detail: expect.stringMatching(/manifest is inconsistent/) })
  })

  it('checks only consistency when no uploaded file list is given, and says so', () => {
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], {}, lenient))
    expect(result.ok).toBe(true)
    expect(check(result, 'manifest')?.detail).toMatch(/no uploaded file list/)
  })

  it('fails subject_digest when the artifact is neither the manifest nor one of its files', () => {
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], { artifactDigest: `sha256:${sha256('other')}` }, lenient))
    expect(failedChecks(result)).toEqual(['subject_digest'])
  })

  it('fails datasets when policy requires them: a manifest names no training data', () => {
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], { uploadedFiles: FILES }))
    expect(failedChecks(result)).toEqual(['datasets'])
    expect(result.notes.join(' ')).toMatch(/names no builder and no training data/)
  })

  it('fails builder when policy names trusted builders: a manifest names none', () => {
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted()], {}, { ...lenient, trustedBuilders: ['https://ci'] }))
    expect(failedChecks(result)).toEqual(['builder'])
  })

  it('fails trusted_key for a key scoped to builders: a manifest names none', () => {
    const result = verifyProvenance(envelopeFor(modelSigningStatement(), key), context([key.trusted({ builders: ['https://ci'] })], {}, lenient))
    expect(failedChecks(result)).toEqual(['trusted_key'])
  })

  it('refuses to compare shard manifests with uploaded files', () => {
    const statement = modelSigningStatement()
    statement.predicate.serialization.method = 'shards'
    statement.predicate.resources = statement.predicate.resources.map((r) => ({ ...r, name: `${r.name}:0:100` }))
    const result = verifyProvenance(envelopeFor(statement, key), context([key.trusted()], { artifactDigest: `sha256:${statement.subject[0]!.digest.sha256}`, uploadedFiles: FILES }, lenient))
    expect(failedChecks(result)).toEqual(['manifest'])
    expect(check(result, 'manifest')?.detail).toMatch(/shards/)
  })

  it.each([
    ['two subjects', (s: ReturnType<typeof modelSigningStatement>) => ({ ...s, subject: [...s.subject, ...s.subject] })],
    ['an unknown serialization', (s: ReturnType<typeof modelSigningStatement>) => ({ ...s, predicate: { ...s.predicate, serialization: { method: 'tar' } } })],
    ['a resource without digest', (s: ReturnType<typeof modelSigningStatement>) => ({ ...s, predicate: { ...s.predicate, resources: [{ name: 'a', algorithm: 'sha256' }] } })],
  ])('fails format for %s', (_, change) => {
    const result = verifyProvenance(envelopeFor(change(modelSigningStatement()), key), context([key.trusted()], {}, lenient))
    expect(check(result, 'format')?.ok).toBe(false)
    expect(result.ok).toBe(false)
  })
})

describe('verifyProvenance: model_signing v0.2 (Digests/v0.1) compatibility', () => {
  const compat = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: FILES.map((f) => ({ name: f.path, digest: { sha256: f.sha256 }, annotations: { actual_hash_algorithm: 'file-sha256' } })),
    predicateType: MODEL_SIGNING_DIGESTS_V0_1,
    predicate: { unused: 'Unused, just passed due to API requirements' },
  }
  const policy = { ...lenient, allowedPredicateTypes: [MODEL_SIGNING_DIGESTS_V0_1] }

  it('accepts per-file subjects matching the uploaded files', () => {
    const result = verifyProvenance(envelopeFor(compat, key), context([key.trusted()], { uploadedFiles: FILES }, policy))
    expect(failedChecks(result)).toEqual([])
    expect(result.manifest?.digest).toBe(manifestDigestOfFiles(FILES))
  })

  it('fails manifest when a file is missing', () => {
    const result = verifyProvenance(envelopeFor(compat, key), context([key.trusted()], { uploadedFiles: FILES.slice(1) }, policy))
    expect(failedChecks(result)).toEqual(['manifest'])
  })

  it('fails manifest for digests that are not sha256 of the file', () => {
    const blake = { ...compat, subject: compat.subject.map((s) => ({ ...s, annotations: { actual_hash_algorithm: 'file-blake2' } })) }
    const result = verifyProvenance(envelopeFor(blake, key), context([key.trusted()], { uploadedFiles: FILES, artifactDigest: `sha256:${manifestDigestOfFiles(FILES)}` }, policy))
    expect(failedChecks(result)).toEqual(['manifest'])
    expect(check(result, 'manifest')?.detail).toMatch(/file-blake2/)
  })
})

it('the artifact digest used in fixtures is the model file', () => {
  expect(FILES.find((f) => f.path === 'model.safetensors')?.sha256).toBe(ARTIFACT)
})
