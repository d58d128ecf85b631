const KiB = 1024
const MiB = 1024 * KiB
const GiB = 1024 * MiB

/**
 * Every bound that keeps a hostile artifact from exhausting memory or time. Exceeding one is a
 * finding (the scan could not vouch for the content), never a silent pass.
 */
export interface ScanLimits {
  /** Matches the safetensors reference implementation's MAX_HEADER_SIZE. */
  safetensorsHeaderBytes: number
  /** numpy refuses headers over 10,000 bytes unless told otherwise; leave room for that override. */
  npyHeaderBytes: number
  kerasConfigBytes: number
  /** Central directory plus end records, buffered whole at the end of a zip. */
  zipCentralDirectoryBytes: number
  zipEntries: number
  /** Declared or actual size of one member. */
  zipEntryUncompressedBytes: number
  /** Sum over all members of all nested archives. */
  totalUncompressedBytes: number
  /** Uncompressed ÷ compressed, checked once a member has produced more than ratioFloorBytes. */
  compressionRatio: number
  ratioFloorBytes: number
  /** Strings longer than this are kept only as "a string"; no real module or attribute name comes close. */
  pickleStringChars: number
  /** Lines of protocol 0 opcodes (GLOBAL, INST, GET, PUT, ...). */
  pickleLineBytes: number
  pickleMemoEntries: number
  pickleStackDepth: number
  /** Pickles in one stream (legacy torch files have five; a joblib file one per object array). */
  picklesPerStream: number
}

export const DEFAULT_LIMITS: Readonly<ScanLimits> = Object.freeze({
  safetensorsHeaderBytes: 100_000_000,
  npyHeaderBytes: 1 * MiB,
  kerasConfigBytes: 32 * MiB,
  zipCentralDirectoryBytes: 32 * MiB,
  zipEntries: 100_000,
  zipEntryUncompressedBytes: 64 * GiB,
  totalUncompressedBytes: 256 * GiB,
  compressionRatio: 200,
  ratioFloorBytes: 1 * MiB,
  pickleStringChars: 512,
  pickleLineBytes: 64 * KiB,
  pickleMemoEntries: 1_000_000,
  pickleStackDepth: 1_000_000,
  picklesPerStream: 10_000,
})

export function resolveLimits(overrides: Partial<ScanLimits> | undefined): ScanLimits {
  return { ...DEFAULT_LIMITS, ...(overrides ?? {}) }
}
