/**
 * Formats told apart by their first bytes. The name a file arrives with is never trusted: a
 * pickle renamed .safetensors is still a pickle to whatever loads it.
 */
export type SniffedFormat =
  | 'empty'
  | 'zip'
  | 'numpy'
  | 'hdf5'
  | 'pytorch-legacy'
  | 'safetensors'
  | 'gzip'
  | 'zlib'
  | 'xz'
  | '7z'
  | 'bzip2'
  | 'lz4'
  | 'zstd'
  | 'tar'
  /** A JSON object: a Keras model config when it is the whole artifact. */
  | 'json'
  /** A PROTO opcode announcing protocol 2–5: as close to a magic number as pickles have. */
  | 'pickle'
  /** Nothing recognizable; may still be a protocol 0/1 pickle, which has no marker at all. */
  | 'unknown'

/** Enough for every check below, the tar magic at 257 included. */
export const SNIFF_BYTES = 512

const LEGACY_TORCH = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]

function startsWith(head: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (head.length < at + bytes.length) return false
  return bytes.every((byte, i) => head[at + i] === byte)
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0))
}

export function sniff(head: Uint8Array): SniffedFormat {
  if (head.length === 0) return 'empty'
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'zip'
  if (startsWith(head, [0x93, ...ascii('NUMPY')])) return 'numpy'
  if (startsWith(head, [0x89, ...ascii('HDF\r\n'), 0x1a, 0x0a])) return 'hdf5'
  if (startsWith(head, LEGACY_TORCH)) return 'pytorch-legacy'
  const pickleProto = head[0] === 0x80 && (head[1] ?? 0xff) >= 2 && (head[1] ?? 0xff) <= 5
  // safetensors starts with its header length, so byte 8 is the JSON "{". A length below 2^48
  // leaves bytes 6-7 zero, which no pickle has after PROTO; without them, prefer the pickle reading.
  if (head.length >= 9 && head[8] === 0x7b && ((head[6] === 0 && head[7] === 0) || !pickleProto)) return 'safetensors'
  if (startsWith(head, [0x1f, 0x8b])) return 'gzip'
  if (head.length >= 2 && head[0] === 0x78 && ((head[0] << 8) | (head[1] as number)) % 31 === 0) return 'zlib'
  if (startsWith(head, [0xfd, ...ascii('7zXZ'), 0x00])) return 'xz'
  if (startsWith(head, [...ascii('7z'), 0xbc, 0xaf, 0x27, 0x1c])) return '7z'
  if (startsWith(head, ascii('BZh'))) return 'bzip2'
  if (startsWith(head, [0x04, 0x22, 0x4d, 0x18])) return 'lz4'
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'zstd'
  if (startsWith(head, ascii('ustar'), 257)) return 'tar'
  if (pickleProto) return 'pickle'
  // "{" is no pickle opcode, so a stream starting with it (after whitespace) is not a pickle.
  let first = 0
  while (first < head.length && (head[first] === 0x20 || head[first] === 0x0a || head[first] === 0x0d || head[first] === 0x09)) first++
  if (head[first] === 0x7b) return 'json'
  return 'unknown'
}
