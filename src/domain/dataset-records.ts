// Evaluation dataset records as POST /v1/datasets accepts them, their kind and their digest
// (sha256 of the records' canonical JSON), for reading a dataset file outside the service the
// way the service reads a registered one: same records, same digest, same kind.
import { createHash } from 'node:crypto'
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { canonicalJson } from './canonical-json.js'

export const DatasetRecord = Type.Object(
  {
    input: Type.Unknown(),
    label: Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Boolean()])),
    group: Type.Optional(Type.String({ maxLength: 256 })),
    expected: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false, required: ['input'] },
)

export const DatasetRecords = Type.Array(DatasetRecord, { minItems: 1, maxItems: 100_000 })

export type DatasetRecordValue = { input: unknown; label?: string | number | boolean; group?: string; expected?: string }

export const datasetDigest = (records: unknown[]): string => `sha256:${createHash('sha256').update(canonicalJson(records)).digest('hex')}`

/** The dataset's kind, or why its records are neither all classification nor all question-answer. */
export function datasetKind(records: ReadonlyArray<{ input: unknown; label?: unknown; expected?: unknown }>): { kind: 'classification' | 'qa' } | { problem: string } {
  const labelled = records.filter((r) => r.label !== undefined).length
  const answered = records.filter((r) => r.expected !== undefined).length
  if (labelled === records.length && answered === 0) return { kind: 'classification' }
  if (answered === records.length && labelled === 0) {
    if (records.some((r) => typeof r.input !== 'string' || typeof r.expected !== 'string' || r.expected.trim() === '')) {
      return { problem: 'question-answer records need a string input and a non-empty string expected answer' }
    }
    return { kind: 'qa' }
  }
  return { problem: 'every record must be a classification record {input, label, group?} or every one a question-answer record {input, expected}; this dataset mixes them or has neither' }
}

/** Shape, kind and digest of a dataset's records, or the problems with them. */
export function readDatasetRecords(records: unknown): { ok: true; kind: 'classification' | 'qa'; digest: string; records: DatasetRecordValue[] } | { ok: false; problems: string[] } {
  if (!Value.Check(DatasetRecords, records)) {
    const problems = [...new Set([...Value.Errors(DatasetRecords, records)].map((e) => `${e.instancePath || '(records)'}: ${e.message}`))]
    return { ok: false, problems: problems.slice(0, 10) }
  }
  const kind = datasetKind(records)
  if ('problem' in kind) return { ok: false, problems: [kind.problem] }
  return { ok: true, kind: kind.kind, digest: datasetDigest(records), records }
}
