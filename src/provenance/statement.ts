// in-toto Statement v1, the payload of an attestation envelope:
// {_type: "https://in-toto.io/Statement/v1", subject: [{name?, digest}], predicateType, predicate}.
import { digestSet, field, isObject, stringField, type JsonObject } from './json-shape.js'
import { MAX_SHORT_STRING, MAX_SUBJECTS } from './limits.js'

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json'
export const STATEMENT_V1 = 'https://in-toto.io/Statement/v1'

export interface Subject {
  name?: string
  digest: Record<string, string>
  annotations?: JsonObject
}

export interface Statement {
  subject: Subject[]
  predicateType: string
  predicate: JsonObject | undefined
}

export type StatementReading = { ok: true; statement: Statement } | { ok: false; detail: string }

const utf8 = new TextDecoder('utf-8', { fatal: true })

export function readStatement(payloadType: string, payload: Buffer): StatementReading {
  if (payloadType !== IN_TOTO_PAYLOAD_TYPE) return bad(`payloadType is "${clip(payloadType)}", expected ${IN_TOTO_PAYLOAD_TYPE}`)
  let document: unknown
  try {
    document = JSON.parse(utf8.decode(payload))
  } catch {
    return bad('the payload is not UTF-8 JSON')
  }
  if (!isObject(document)) return bad('the statement is not a JSON object')
  const type = field(document, '_type')
  if (type !== STATEMENT_V1) return bad(`_type is ${typeof type === 'string' ? `"${clip(type)}"` : 'missing'}, expected ${STATEMENT_V1}`)
  const subjects = field(document, 'subject')
  if (!Array.isArray(subjects) || subjects.length === 0) return bad('subject is missing or empty')
  if (subjects.length > MAX_SUBJECTS) return bad(`${subjects.length} subjects, over the ${MAX_SUBJECTS} accepted`)
  const subject: Subject[] = []
  for (const [index, entry] of subjects.entries()) {
    if (!isObject(entry)) return bad(`subject[${index}] is not an object`)
    const digest = digestSet(field(entry, 'digest'))
    if (!digest) return bad(`subject[${index}].digest is missing or not a map of strings`)
    const name = field(entry, 'name')
    if (name !== undefined && typeof name !== 'string') return bad(`subject[${index}].name is not a string`)
    const annotations = field(entry, 'annotations')
    subject.push({ ...(name !== undefined && { name }), digest, ...(isObject(annotations) && { annotations }) })
  }
  const predicateType = stringField(document, 'predicateType')
  if (!predicateType) return bad('predicateType is missing')
  if (predicateType.length > MAX_SHORT_STRING) return bad('predicateType is too long')
  const predicate = field(document, 'predicate')
  if (predicate !== undefined && !isObject(predicate)) return bad('predicate is not an object')
  return { ok: true, statement: { subject, predicateType, predicate } }
}

function bad(detail: string): StatementReading {
  return { ok: false, detail }
}

export function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text
}
