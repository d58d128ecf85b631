// Schema errors a person can act on. Ajv reports a union of literals as one "must be equal to
// constant" per branch plus "must match a schema in anyOf"; this folds those into "must be one
// of: dev, staging, prod", and names unknown fields, per path.
import type { FastifySchemaValidationError } from 'fastify'

export interface FieldError {
  path: string
  message: string
}

const UNION_NOISE = new Set(['const', 'enum', 'anyOf', 'oneOf', 'type'])

export function describeValidation(where: string, errors: readonly FastifySchemaValidationError[]): FieldError[] {
  const byPath = new Map<string, FastifySchemaValidationError[]>()
  for (const e of errors) {
    const path = `${where}${e.instancePath || ''}`
    byPath.set(path, [...(byPath.get(path) ?? []), e])
  }
  const out: FieldError[] = []
  for (const [path, list] of byPath) {
    const allowed = list.flatMap((e) => {
      const p = e.params as { allowedValue?: unknown; allowedValues?: unknown[] }
      if (e.keyword === 'const') return [p.allowedValue]
      if (e.keyword === 'enum') return p.allowedValues ?? []
      return []
    })
    if (allowed.length > 0 && list.every((e) => UNION_NOISE.has(e.keyword))) {
      out.push({ path, message: `must be one of: ${[...new Set(allowed.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))))].join(', ')}` })
      continue
    }
    for (const e of list) {
      if (e.keyword === 'anyOf' && list.length > 1) continue
      const message = e.keyword === 'additionalProperties'
        ? `unknown field "${String((e.params as { additionalProperty?: string }).additionalProperty)}"`
        : (e.message ?? 'invalid')
      out.push({ path, message })
    }
  }
  return out
}
