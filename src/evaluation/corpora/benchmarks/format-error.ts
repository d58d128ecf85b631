// Loaders reject a malformed record with the data set, the line (or JSON path) and the field, so
// a team pointing the policy at its own copy of BBQ or ToxiGen can fix the file without guessing.
export class BenchmarkFormatError extends Error {
  constructor(readonly dataset: string, readonly where: string, message: string) {
    super(`${dataset} ${where}: ${message}`)
    this.name = 'BenchmarkFormatError'
  }
}

export interface JsonlLine { line: number; value: unknown }

// Blank lines are allowed (files often end with one); anything else must be one JSON value.
export function parseJsonl(dataset: string, text: string): JsonlLine[] {
  const out: JsonlLine[] = []
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === '') return
    try {
      out.push({ line: i + 1, value: JSON.parse(raw) })
    } catch (e) {
      throw new BenchmarkFormatError(dataset, `line ${i + 1}`, `not valid JSON (${(e as Error).message})`)
    }
  })
  return out
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

// Field readers that throw a BenchmarkFormatError naming the field.
export class FieldReader {
  readonly record: Record<string, unknown>
  constructor(readonly dataset: string, readonly where: string, record: unknown) {
    if (!isRecord(record)) throw new BenchmarkFormatError(dataset, where, 'expected a JSON object')
    this.record = record
  }

  fail(field: string, what: string): never {
    throw new BenchmarkFormatError(this.dataset, this.where, `field "${field}" ${what}`)
  }

  string(field: string): string
  string(field: string, opts: { optional: true; allowEmpty?: boolean }): string | undefined
  string(field: string, opts: { optional?: boolean; allowEmpty?: boolean } = {}): string | undefined {
    const v = this.record[field]
    if (v === undefined || v === null) return opts.optional ? undefined : this.fail(field, 'is missing')
    if (typeof v !== 'string') return this.fail(field, `must be a string, got ${typeof v}`)
    if (!opts.allowEmpty && v.trim() === '') return this.fail(field, 'must not be empty')
    return v
  }

  number(field: string, opts?: { min?: number; max?: number }): number
  number(field: string, opts: { optional: true; min?: number; max?: number }): number | undefined
  number(field: string, opts: { optional?: boolean; min?: number; max?: number } = {}): number | undefined {
    const v = this.record[field]
    if (v === undefined || v === null) return opts.optional ? undefined : this.fail(field, 'is missing')
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
    if (typeof n !== 'number' || !Number.isFinite(n)) return this.fail(field, `must be a number, got ${JSON.stringify(v)}`)
    if (opts.min !== undefined && n < opts.min) return this.fail(field, `must be at least ${opts.min}, got ${n}`)
    if (opts.max !== undefined && n > opts.max) return this.fail(field, `must be at most ${opts.max}, got ${n}`)
    return n
  }

  boolean(field: string, opts: { optional: true }): boolean | undefined {
    const v = this.record[field]
    if (v === undefined || v === null) return opts.optional ? undefined : this.fail(field, 'is missing')
    if (typeof v !== 'boolean') return this.fail(field, `must be true or false, got ${JSON.stringify(v)}`)
    return v
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const v = this.record[field]
    if (typeof v !== 'string' || !allowed.includes(v as T)) return this.fail(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`)
    return v as T
  }
}
