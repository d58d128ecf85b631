// The DSSE v1 envelope as JSON: {payloadType, payload (base64), signatures: [{keyid?, sig}]}.
// Reading it is separate from verifying it so every shape problem is reported as 'format'.
import { decodeBase64 } from './base64.js'
import { field, isObject } from './json-shape.js'
import { MAX_PAYLOAD_BASE64_CHARS, MAX_SHORT_STRING, MAX_SIGNATURES, MAX_SIGNATURE_BASE64_CHARS } from './limits.js'

export interface DsseSignature {
  keyid?: string
  sig: string
}

export interface DsseEnvelope {
  payloadType: string
  payload: string
  signatures: DsseSignature[]
}

export interface DecodedEnvelope {
  payloadType: string
  payload: Buffer
  signatures: Array<{ keyid?: string; sig: Buffer }>
}

export type EnvelopeReading = { ok: true; envelope: DecodedEnvelope } | { ok: false; detail: string }

export function readEnvelope(value: unknown): EnvelopeReading {
  if (!isObject(value)) return bad('the DSSE envelope is not a JSON object')
  const payloadType = field(value, 'payloadType')
  if (typeof payloadType !== 'string' || payloadType.length === 0) return bad('payloadType is missing or not a string')
  if (payloadType.length > MAX_SHORT_STRING) return bad('payloadType is too long')
  const payloadText = field(value, 'payload')
  if (typeof payloadText !== 'string') return bad('payload is missing or not a string')
  if (payloadText.length > MAX_PAYLOAD_BASE64_CHARS) {
    return bad(`payload is ${payloadText.length} base64 characters, over the ${MAX_PAYLOAD_BASE64_CHARS} accepted`)
  }
  const payload = decodeBase64(payloadText)
  if (!payload) return bad('payload is not valid base64')
  const list = field(value, 'signatures')
  if (!Array.isArray(list) || list.length === 0) return bad('signatures is missing or empty')
  if (list.length > MAX_SIGNATURES) return bad(`${list.length} signatures, over the ${MAX_SIGNATURES} accepted`)
  const signatures: DecodedEnvelope['signatures'] = []
  for (const [index, entry] of list.entries()) {
    if (!isObject(entry)) return bad(`signatures[${index}] is not an object`)
    const sigText = field(entry, 'sig')
    if (typeof sigText !== 'string' || sigText.length === 0) return bad(`signatures[${index}].sig is missing`)
    if (sigText.length > MAX_SIGNATURE_BASE64_CHARS) return bad(`signatures[${index}].sig is too long`)
    const sig = decodeBase64(sigText)
    if (!sig || sig.length === 0) return bad(`signatures[${index}].sig is not valid base64`)
    const keyid = field(entry, 'keyid')
    if (keyid !== undefined && keyid !== null && typeof keyid !== 'string') return bad(`signatures[${index}].keyid is not a string`)
    if (typeof keyid === 'string' && keyid.length > MAX_SHORT_STRING) return bad(`signatures[${index}].keyid is too long`)
    signatures.push(typeof keyid === 'string' && keyid !== '' ? { keyid, sig } : { sig })
  }
  return { ok: true, envelope: { payloadType, payload, signatures } }
}

function bad(detail: string): EnvelopeReading {
  return { ok: false, detail }
}
