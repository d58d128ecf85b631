// scripts/provenance.ts is what the README tells a newcomer to run to make the provenance the
// staging and prod promotions need: what it signs must pass data_provenance's verification.
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SLSA_PROVENANCE_V1, trustedKeyFromPem, verifyProvenance } from '../../src/provenance/index.js'
import { tinySafetensors } from '../../samples/artifact.js'

const run = promisify(execFile)
const tsx = join(process.cwd(), 'node_modules/.bin/tsx')
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex')
const policy = { allowedPredicateTypes: [SLSA_PROVENANCE_V1], requireDatasets: true }

describe('scripts/provenance.ts', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'provenance-script-'))
    await writeFile(join(dir, 'model.safetensors'), tinySafetensors())
    await writeFile(join(dir, 'train.jsonl'), '{"text":"hello"}\n')
    await run(tsx, ['scripts/provenance.ts', 'keygen', dir])
  }, 180_000)
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('writes a private key only its owner reads, and the public key to trust', async () => {
    expect((await stat(join(dir, 'pipeline.key'))).mode & 0o077).toBe(0)
    expect(trustedKeyFromPem(await readFile(join(dir, 'pipeline.pub.pem'), 'utf8')).algorithm).toBe('ed25519')
  })

  it('signs provenance that verifies for this artifact, naming the training data with its digest', async () => {
    const { stdout } = await run(tsx, ['scripts/provenance.ts', 'sign', '--key', join(dir, 'pipeline.key'), '--artifact', join(dir, 'model.safetensors'), '--training-data', join(dir, 'train.jsonl'), '--builder', 'https://ci.example.internal/trainers/t1'], { timeout: 150_000 })
    const key = trustedKeyFromPem(await readFile(join(dir, 'pipeline.pub.pem'), 'utf8'), { models: ['helpdesk-llm'] })
    const ctx = { trustedKeys: [key], artifactDigest: `sha256:${sha256(tinySafetensors())}`, modelName: 'helpdesk-llm', policy: { ...policy, trustedBuilders: ['https://ci.example.internal/trainers/t1'] } }
    const result = verifyProvenance(JSON.parse(stdout), ctx)
    expect(result.checks.filter((c) => !c.ok)).toEqual([])
    expect(result.ok).toBe(true)
    expect(result.datasets).toEqual([{ name: 'train.jsonl', uri: 'file:train.jsonl', digest: { sha256: sha256('{"text":"hello"}\n') } }])
    // About this artifact only: another file's digest does not verify.
    expect(verifyProvenance(JSON.parse(stdout), { ...ctx, artifactDigest: `sha256:${sha256('other bytes')}` }).ok).toBe(false)
  }, 180_000)
})
