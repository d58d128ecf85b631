// Reading untrusted JSON: only own properties count, so a polluted Object.prototype or a
// "__proto__" key can never supply a field the document did not state.

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
}

export function field(object: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined
}

export function stringField(object: JsonObject, key: string): string | undefined {
  const value = field(object, key)
  return typeof value === 'string' ? value : undefined
}

export function objectField(object: JsonObject, key: string): JsonObject | undefined {
  const value = field(object, key)
  return isObject(value) ? value : undefined
}

/** A digest set: algorithm → value, all values strings, at least one entry. */
export function digestSet(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined
  const entries = Object.entries(value)
  if (entries.length === 0 || entries.length > 64) return undefined
  const out: Record<string, string> = Object.create(null) as Record<string, string>
  for (const [algorithm, digest] of entries) {
    if (typeof digest !== 'string' || digest.length === 0 || digest.length > 1024) return undefined
    out[algorithm] = digest
  }
  return { ...out }
}

/** "a, b, c and 4 more": detail lines stay readable however long the list. */
export function listSome(items: readonly string[], max: number): string {
  if (items.length <= max) return items.join(', ')
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}
