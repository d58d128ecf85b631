// Bounds on what a provenance document may hold. Real attestations are far smaller; the
// bounds exist so a hostile upload costs a failed 'format' check, not the process's memory.

/** Base64 text of a DSSE payload: about 6 MiB of statement JSON. */
export const MAX_PAYLOAD_BASE64_CHARS = 8 * 1024 * 1024
/** Signatures examined on one envelope. */
export const MAX_SIGNATURES = 16
/** Base64 text of one signature (P-384 DER is 140 characters). */
export const MAX_SIGNATURE_BASE64_CHARS = 1024
/** keyid, payloadType, key hints. */
export const MAX_SHORT_STRING = 1024
/** Subjects of one statement (the model_signing Digests/v0.1 form lists every file). */
export const MAX_SUBJECTS = 100_000
/** Resources of one model_signing manifest. */
export const MAX_RESOURCES = 100_000
/** Data sets named by one provenance statement. */
export const MAX_DATASETS = 10_000
/** Items listed in one check's detail before the rest are counted. */
export const DETAIL_ITEMS = 10
