import { EvidenceError } from './errors.js'

// Scanner output is untrusted JSON; these helpers turn "wrong shape" into an EvidenceError
// that names the exact path, instead of a TypeError deep inside a parser.

export type JsonObject = Record<string, unknown>

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function describeJson(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}

/** A missing or null list is empty: the scanners are written in Go, which encodes empty slices as null. */
export function listAt(owner: JsonObject, key: string, path: string, label: string): unknown[] {
  const value = owner[key]
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) {
    throw new EvidenceError(`${label}: ${path} must be a list, found ${describeJson(value)}.`)
  }
  return value
}

export function objectsAt(owner: JsonObject, key: string, path: string, label: string): Array<[JsonObject, string]> {
  return listAt(owner, key, path, label).map((item, index) => {
    const itemPath = `${path}[${index}]`
    if (!isObject(item)) {
      throw new EvidenceError(`${label}: ${itemPath} must be an object, found ${describeJson(item)}.`)
    }
    return [item, itemPath]
  })
}

/** Non-empty trimmed text, or undefined. Numbers are accepted because some tools emit numeric versions. */
export function textAt(owner: JsonObject | undefined, key: string): string | undefined {
  const value = owner?.[key]
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value !== 'string') return undefined
  const text = value.trim()
  return text === '' ? undefined : text
}

export function requiredTextAt(owner: JsonObject, key: string, path: string, label: string): string {
  const text = textAt(owner, key)
  if (text === undefined) {
    throw new EvidenceError(
      `${label}: ${path} has no ${key}. The report looks edited or truncated; upload the scanner's unmodified JSON output.`,
    )
  }
  return text
}

export function objectAt(owner: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = owner?.[key]
  return isObject(value) ? value : undefined
}

export function requiredObjectAt(owner: JsonObject, key: string, path: string, label: string): JsonObject {
  const value = owner[key]
  if (!isObject(value)) {
    throw new EvidenceError(
      `${label}: ${path}.${key} must be an object, found ${value === undefined ? 'nothing' : describeJson(value)}. ` +
        "Upload the scanner's unmodified JSON output.",
    )
  }
  return value
}
