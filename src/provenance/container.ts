// Tells the two accepted inputs apart: a bare DSSE envelope, or a Sigstore bundle wrapping one
// (recognised by its mediaType). JSON text is accepted as well as a parsed object.
import { field, isObject } from './json-shape.js'
import { MAX_PAYLOAD_BASE64_CHARS } from './limits.js'
import { readSigstoreBundle } from './sigstore-bundle.js'

export type ContainerReading =
  | { ok: true; kind: 'dsse' | 'sigstore-bundle'; label: string; envelope: unknown; keyHint?: string; notes: string[] }
  | { ok: false; detail: string }

const MAX_TEXT = MAX_PAYLOAD_BASE64_CHARS + 1024 * 1024

export function readContainer(input: unknown): ContainerReading {
  let value = input
  if (typeof input === 'string' || input instanceof Uint8Array) {
    if (input.length > MAX_TEXT) return { ok: false, detail: `the provenance document is ${input.length} bytes, over the ${MAX_TEXT} accepted` }
    try {
      value = JSON.parse(typeof input === 'string' ? input : Buffer.from(input).toString('utf8'))
    } catch {
      return { ok: false, detail: 'the provenance document is not JSON' }
    }
  }
  if (!isObject(value)) return { ok: false, detail: 'the provenance document is not a JSON object (a DSSE envelope or a Sigstore bundle)' }
  if (field(value, 'mediaType') !== undefined) {
    const bundle = readSigstoreBundle(value)
    if (!bundle.ok) return bundle
    const label = `Sigstore bundle (${bundle.mediaType})`
    return { ok: true, kind: 'sigstore-bundle', label, envelope: bundle.envelope, ...(bundle.keyHint ? { keyHint: bundle.keyHint } : {}), notes: bundle.notes }
  }
  if (field(value, 'payloadType') !== undefined || field(value, 'payload') !== undefined || field(value, 'signatures') !== undefined) {
    return { ok: true, kind: 'dsse', label: 'DSSE envelope', envelope: value, notes: [] }
  }
  return { ok: false, detail: 'neither a DSSE envelope (payloadType, payload, signatures) nor a Sigstore bundle (mediaType, verificationMaterial, dsseEnvelope)' }
}
