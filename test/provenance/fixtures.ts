// Keys, statements, envelopes and bundles built the way real producers build them, so the
// tests exercise the verifier on the formats it meets in practice.
import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto'
import { bundleToJSON, toDSSEBundle } from '@sigstore/bundle'
import {
  IN_TOTO_PAYLOAD_TYPE,
  MODEL_SIGNING_V1,
  preAuthEncoding,
  signDsse,
  SLSA_PROVENANCE_V1,
  STATEMENT_V1,
  trustedKeyFromPem,
  type DsseEnvelope,
  type KeyScope,
  type ProvenanceContext,
  type TrustedKey,
} from '../../src/provenance/index.js'
import { signBytes } from '../../src/provenance/signature.js'

export type KeyKind = 'ed25519' | 'p256' | 'p384'

export interface TestKey {
  kind: KeyKind
  privateKey: KeyObject
  publicPem: string
  keyId: string
  trusted(scope?: KeyScope): TrustedKey
}

export function makeKey(kind: KeyKind): TestKey {
  const { privateKey, publicKey } =
    kind === 'ed25519'
      ? generateKeyPairSync('ed25519')
      : generateKeyPairSync('ec', { namedCurve: kind === 'p256' ? 'P-256' : 'P-384' })
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString()
  const keyId = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')
  return { kind, privateKey, publicPem, keyId, trusted: (scope = {}) => trustedKeyFromPem(publicPem, scope) }
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

export const ARTIFACT = sha256('model weights')
export const BUILDER = 'https://ci.example.com/trainers/gpu-pool@v2'

export function slsaStatement(options: { subjectHex?: string; builder?: string; externalParameters?: Record<string, unknown>; resolvedDependencies?: unknown[] } = {}) {
  return {
    _type: STATEMENT_V1,
    subject: [{ name: 'model.safetensors', digest: { sha256: options.subjectHex ?? ARTIFACT } }],
    predicateType: SLSA_PROVENANCE_V1,
    predicate: {
      buildDefinition: {
        buildType: 'https://ci.example.com/training/v1',
        externalParameters: options.externalParameters ?? { recipe: 'train.yaml' },
        internalParameters: { gpu: 'a100' },
        resolvedDependencies: options.resolvedDependencies ?? [
          { uri: 's3://data/fraud/2024-06.parquet', digest: { sha256: sha256('fraud data') }, name: 'fraud-2024-06' },
          { uri: 'git+https://git.example.com/fraud-model@refs/heads/main', digest: { gitCommit: 'a'.repeat(40) } },
        ],
      },
      runDetails: { builder: { id: options.builder ?? BUILDER }, metadata: { invocationId: 'run-42' } },
    },
  }
}

export const FILES = [
  { path: 'config.json', sha256: sha256('{"layers":4}') },
  { path: 'model.safetensors', sha256: ARTIFACT },
  { path: 'tokenizer/vocab.txt', sha256: sha256('a b c') },
]

/** A v1.0 model_signing statement exactly as the OpenSSF library lays it out. */
export function modelSigningStatement(files: ReadonlyArray<{ path: string; sha256: string }> = FILES, modelName = 'fraud-detector') {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : 1))
  const root = createHash('sha256')
  for (const f of sorted) root.update(Buffer.from(f.sha256, 'hex'))
  return {
    _type: STATEMENT_V1,
    subject: [{ name: modelName, digest: { sha256: root.digest('hex') } }],
    predicateType: MODEL_SIGNING_V1,
    predicate: {
      serialization: { method: 'files', hash_type: 'sha256', allow_symlinks: false, ignore_paths: ['model.sig', '.git'] },
      resources: sorted.map((f) => ({ name: f.path, algorithm: 'sha256', digest: f.sha256 })),
    },
  }
}

export function envelopeFor(statement: unknown, key: TestKey, keyId: string = key.keyId): DsseEnvelope {
  return signDsse(IN_TOTO_PAYLOAD_TYPE, JSON.stringify(statement), key.privateKey, keyId)
}

/** A public-key Sigstore bundle as @sigstore/bundle builds one (v0.3 media type). */
export function bundleFor(statement: unknown, key: TestKey, hint: string = key.keyId): Record<string, unknown> {
  const artifact = Buffer.from(JSON.stringify(statement))
  const signature = signBytes(key.privateKey, preAuthEncoding(IN_TOTO_PAYLOAD_TYPE, artifact))
  return bundleToJSON(toDSSEBundle({ artifact, artifactType: IN_TOTO_PAYLOAD_TYPE, signature, keyHint: hint })) as unknown as Record<string, unknown>
}

export function context(keys: TrustedKey[], overrides: Partial<ProvenanceContext> = {}, policy: Partial<ProvenanceContext['policy']> = {}): ProvenanceContext {
  return {
    trustedKeys: keys,
    artifactDigest: `sha256:${ARTIFACT}`,
    modelName: 'fraud-detector',
    ...overrides,
    policy: {
      allowedPredicateTypes: [SLSA_PROVENANCE_V1, MODEL_SIGNING_V1],
      requireDatasets: true,
      ...policy,
    },
  }
}

export function check(result: { checks: Array<{ name: string; ok: boolean; detail: string }> }, name: string) {
  return result.checks.find((c) => c.name === name)
}

export function failedChecks(result: { checks: Array<{ name: string; ok: boolean }> }): string[] {
  return result.checks.filter((c) => !c.ok).map((c) => c.name)
}
