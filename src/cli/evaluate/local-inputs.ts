// What an offline evaluation reads from disk, read the way the service reads the same things
// when they are uploaded: the dataset's records, kind and digest; the evidence, stored as
// text or canonical JSON; the model file streamed through the upload scanner; the trusted
// keys as the trust store holds them; the policy validated as PUT /v1/policy validates it.
// Anything unreadable or refused is a CliError (exit 3) before any check runs.
import { createReadStream } from 'node:fs'
import { basename } from 'node:path'
import { createArtifactScanner, type ScanReport } from '../../artifacts/index.js'
import type { Catalog } from '../../core/check-catalog.js'
import { defaultPolicy } from '../../core/default-policy.js'
import { readPolicyDocument } from '../../core/policy-document.js'
import { canonicalJson } from '../../domain/canonical-json.js'
import { readDatasetRecords } from '../../domain/dataset-records.js'
import type { Policy } from '../../domain/policy.js'
import type { EvaluationDataset } from '../../evaluation/services.js'
import { KeyError, trustedKeyFromPem, type TrustedKey } from '../../provenance/index.js'
import { CliError } from '../exit-codes.js'
import { buildPromotionBody, jsonFile, text, type PromoteOptions } from '../request.js'

export interface ScannedArtifact {
  filename: string
  sha256: string
  format: string
  findings: ScanReport['findings']
}

export async function readDataset(file: string): Promise<EvaluationDataset> {
  const records = await jsonFile(file, 'dataset')
  // The export format of the samples ({name, records}) is accepted as well as a bare array.
  const named = typeof records === 'object' && records !== null && !Array.isArray(records) && Array.isArray((records as { records?: unknown }).records)
  const list = named ? (records as { records: unknown }).records : records
  const read = readDatasetRecords(list)
  if (!read.ok) throw new CliError(`the dataset file ${file} is not a dataset the service would accept: ${read.problems.join('; ')}`)
  const name = named && typeof (records as { name?: unknown }).name === 'string' ? (records as { name: string }).name : basename(file)
  return { name, kind: read.kind, digest: read.digest, records: read.records }
}

/** Evidence by kind, as the service stores it: text as sent, JSON as canonical JSON. */
export async function readEvidence(o: PromoteOptions): Promise<Map<string, string>> {
  const body = await buildPromotionBody(o)
  const evidence = (body.evidence ?? {}) as Record<string, unknown>
  return new Map(Object.entries(evidence).map(([kind, v]) => [kind, typeof v === 'string' ? v : canonicalJson(v)]))
}

/** Streams the model file through the same scanner an upload goes through. */
export async function scanArtifactFile(file: string): Promise<ScannedArtifact> {
  const filename = basename(file)
  const scanner = createArtifactScanner({ filename })
  try {
    for await (const chunk of createReadStream(file)) scanner.write(chunk as Uint8Array)
  } catch (err) {
    throw new CliError(`cannot read the artifact file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
  const report = scanner.end()
  return { filename, sha256: report.sha256, format: report.format, findings: report.findings }
}

export async function readTrustedKeys(files: string[]): Promise<TrustedKey[]> {
  const keys: TrustedKey[] = []
  for (const file of files) {
    const pem = (await text(file, 'trusted key')).trim()
    try {
      keys.push(trustedKeyFromPem(pem))
    } catch (err) {
      if (err instanceof KeyError) throw new CliError(`the trusted key file ${file} was refused: ${err.message}; trusted keys are ed25519 or ECDSA (P-256, P-384) public keys in PEM`)
      throw err
    }
  }
  return keys
}

export async function readPolicy(file: string | undefined, catalog: Catalog): Promise<Policy> {
  if (!file) return defaultPolicy(catalog)
  const read = readPolicyDocument(await jsonFile(file, 'policy'), catalog)
  if (!read.ok) throw new CliError(`the policy file ${file} cannot be used: ${read.problems.join('; ')}`)
  return read.policy
}
