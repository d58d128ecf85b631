// Sigstore bundles (v0.2 and v0.3 media types) signed with a plain public key: the bundle's
// shape is validated by @sigstore/bundle, and the DSSE envelope inside is verified by this
// library's own DSSE code against the trust store. @sigstore/verify is not used: on P-384 keys
// it verifies with SHA-256 (Node's default digest for EC keys), while Sigstore's key details and
// the model_signing library sign P-384 with SHA-384, so real P-384 bundles would fail there.
//
// Nothing here needs the network. Certificate (Fulcio) bundles would need Sigstore's trust root
// and are refused; transparency-log entries and RFC 3161 timestamps are not required, and when
// present they are ignored with a note rather than checked against a Rekor key we do not hold.
import {
  BUNDLE_V02_MEDIA_TYPE,
  BUNDLE_V03_LEGACY_MEDIA_TYPE,
  BUNDLE_V03_MEDIA_TYPE,
  bundleFromJSON,
  ValidationError,
  type Bundle,
} from '@sigstore/bundle'
import { field, isObject, objectField, type JsonObject } from './json-shape.js'
import { MAX_PAYLOAD_BASE64_CHARS } from './limits.js'
import { clip } from './statement.js'

export const SIGSTORE_BUNDLE_MEDIA_TYPES: readonly string[] = [BUNDLE_V03_MEDIA_TYPE, BUNDLE_V03_LEGACY_MEDIA_TYPE, BUNDLE_V02_MEDIA_TYPE]

export type BundleReading =
  | { ok: true; mediaType: string; envelope: unknown; keyHint?: string; notes: string[] }
  | { ok: false; detail: string }

export function readSigstoreBundle(value: JsonObject): BundleReading {
  const mediaType = field(value, 'mediaType')
  if (typeof mediaType !== 'string' || !SIGSTORE_BUNDLE_MEDIA_TYPES.includes(mediaType)) {
    const stated = typeof mediaType === 'string' ? `"${clip(mediaType)}"` : 'missing'
    return bad(`mediaType is ${stated}; accepted: ${SIGSTORE_BUNDLE_MEDIA_TYPES.join(', ')}`)
  }
  const material = objectField(value, 'verificationMaterial')
  if (!material) return bad('verificationMaterial is missing')
  const envelope = field(value, 'dsseEnvelope')
  if (envelope === undefined) return bad('the bundle holds no dsseEnvelope (a message-signature bundle signs an artifact, not a provenance statement)')
  // Bounded before @sigstore/bundle decodes it, which it would do at any size.
  const payload = isObject(envelope) ? field(envelope, 'payload') : undefined
  if (typeof payload === 'string' && payload.length > MAX_PAYLOAD_BASE64_CHARS) {
    return bad(`the DSSE payload is ${payload.length} base64 characters, over the ${MAX_PAYLOAD_BASE64_CHARS} accepted`)
  }

  const notes: string[] = []
  const tlogEntries = field(material, 'tlogEntries')
  if (Array.isArray(tlogEntries) && tlogEntries.length > 0) {
    notes.push(`${tlogEntries.length} transparency-log entr${tlogEntries.length === 1 ? 'y' : 'ies'} ignored: verified offline against the trust store, Rekor inclusion not checked`)
  }
  const timestamps = objectField(material, 'timestampVerificationData')
  const rfc3161 = timestamps ? field(timestamps, 'rfc3161Timestamps') : undefined
  if (Array.isArray(rfc3161) && rfc3161.length > 0) notes.push('RFC 3161 timestamps ignored: the signing time is not used')

  let bundle: Bundle
  try {
    bundle = bundleFromJSON({ ...value, verificationMaterial: { ...material, tlogEntries: [], timestampVerificationData: undefined } })
  } catch (error) {
    const fields = error instanceof ValidationError && Array.isArray(error.fields) ? ` (${error.fields.join(', ')})` : ''
    return bad(`not a valid Sigstore bundle${fields}`)
  }
  if (bundle.content.$case !== 'dsseEnvelope') return bad('the bundle does not hold a DSSE envelope')
  const key = bundle.verificationMaterial.content
  if (key.$case !== 'publicKey') {
    return bad('the bundle is signed with a certificate; only bundles signed with a public key from the trust store are verified (offline, without a Fulcio root)')
  }
  const keyHint = key.publicKey.hint
  return { ok: true, mediaType, envelope, ...(keyHint ? { keyHint } : {}), notes }
}

function bad(detail: string): BundleReading {
  return { ok: false, detail: `Sigstore bundle: ${detail}` }
}
