// C2SP signed-note (https://c2sp.org/signed-note) with Ed25519 keys: text ending in a newline,
// a blank line, then lines `— <key name> <base64(key id || signature)>`. The key id is the
// first four bytes of SHA-256(name || 0x0A || 0x01 || public key); a verifier key travels as
// `<name>+<hex key id>+<base64(0x01 || public key)>`.
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import { MerkleError } from './errors.js'

const ED25519 = 0x01
const SIGNATURE_PREFIX = '\u2014 '
const MAX_SIGNATURES = 100

export interface NoteVerifierKey {
  name: string
  keyId: Buffer
  publicKey: KeyObject
}

export interface NoteSigner extends NoteVerifierKey {
  privateKey: KeyObject
}

export function checkKeyName(name: string): void {
  if (name === '' || /[\s+]/u.test(name)) throw new MerkleError('malformed_key', `key name ${JSON.stringify(name)} must be non-empty, without spaces or '+'`)
}

export function rawEd25519(publicKey: KeyObject): Buffer {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new MerkleError('malformed_key', `key is ${publicKey.asymmetricKeyType ?? 'unknown'}, expected ed25519`)
  const x = publicKey.export({ format: 'jwk' }).x
  if (!x) throw new MerkleError('malformed_key', 'ed25519 key has no public part')
  return Buffer.from(x, 'base64url')
}

export function ed25519FromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new MerkleError('malformed_key', `ed25519 public key is ${raw.length} bytes, expected 32`)
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' })
}

export function noteKeyId(name: string, publicKey: KeyObject): Buffer {
  checkKeyName(name)
  return createHash('sha256').update(name).update(Buffer.from([0x0a, ED25519])).update(rawEd25519(publicKey)).digest().subarray(0, 4)
}

/** A signer for `name` from an ed25519 private key (its public key is derived). */
export function noteSigner(name: string, privateKey: KeyObject): NoteSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new MerkleError('malformed_key', `key is ${privateKey.asymmetricKeyType ?? 'unknown'}, expected ed25519`)
  const publicKey = createPublicKey(privateKey)
  return { name, keyId: noteKeyId(name, publicKey), publicKey, privateKey }
}

export function noteVerifier(name: string, publicKey: KeyObject | string): NoteVerifierKey {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey
  return { name, keyId: noteKeyId(name, key), publicKey: key }
}

export function formatVerifierKey(key: NoteVerifierKey): string {
  return `${key.name}+${key.keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), rawEd25519(key.publicKey)]).toString('base64')}`
}

export function parseVerifierKey(vkey: string): NoteVerifierKey {
  // The base64 part may itself contain '+', so split on the first two only.
  const first = vkey.indexOf('+')
  const second = first < 0 ? -1 : vkey.indexOf('+', first + 1)
  if (first < 0 || second < 0) throw new MerkleError('malformed_key', 'verifier key is not <name>+<hex key id>+<base64 key>')
  const name = vkey.slice(0, first)
  const hex = vkey.slice(first + 1, second)
  const material = vkey.slice(second + 1)
  checkKeyName(name)
  if (!/^[0-9a-f]{8}$/.test(hex)) throw new MerkleError('malformed_key', 'verifier key id must be 8 lowercase hex digits')
  const bytes = strictBase64(material, 'verifier key')
  if (bytes[0] !== ED25519) throw new MerkleError('malformed_key', `verifier key type 0x${(bytes[0] ?? 0).toString(16)} is not Ed25519 (0x01)`)
  const publicKey = ed25519FromRaw(bytes.subarray(1))
  const key = noteVerifier(name, publicKey)
  if (key.keyId.toString('hex') !== hex) throw new MerkleError('malformed_key', `verifier key id ${hex} does not match its name and key (${key.keyId.toString('hex')})`)
  return key
}

export function strictBase64(text: string, what: string): Buffer {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) throw new MerkleError('invalid_argument', `${what} is not standard padded base64`)
  return Buffer.from(text, 'base64')
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new MerkleError('malformed_note', 'note text must end with a newline')
  if (text.includes('\n\n')) throw new MerkleError('malformed_note', 'note text must not contain a blank line')
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text)) throw new MerkleError('malformed_note', 'note text must not contain control characters other than newline')
}

export function signNote(text: string, signer: NoteSigner): string {
  checkText(text)
  const signature = sign(null, Buffer.from(text, 'utf8'), signer.privateKey)
  return `${text}\n${SIGNATURE_PREFIX}${signer.name} ${Buffer.concat([signer.keyId, signature]).toString('base64')}\n`
}

interface NoteSignature {
  name: string
  keyId: Buffer
  signature: Buffer
}

function splitNote(note: string): { text: string; signatures: NoteSignature[] } {
  const at = note.lastIndexOf('\n\n')
  if (at < 0) throw new MerkleError('malformed_note', 'note has no blank line before its signatures')
  const text = note.slice(0, at + 1)
  checkText(text)
  const block = note.slice(at + 2)
  if (!block.endsWith('\n')) throw new MerkleError('malformed_note', 'signature block must end with a newline')
  const lines = block.slice(0, -1).split('\n')
  if (lines.length > MAX_SIGNATURES) throw new MerkleError('malformed_note', `note has ${lines.length} signatures, more than ${MAX_SIGNATURES}`)
  const signatures = lines.map((line, i) => {
    if (!line.startsWith(SIGNATURE_PREFIX)) throw new MerkleError('malformed_note', `signature line ${i + 1} does not start with an em dash and a space`)
    const parts = line.slice(SIGNATURE_PREFIX.length).split(' ')
    if (parts.length !== 2) throw new MerkleError('malformed_note', `signature line ${i + 1} is not "— <name> <base64>"`)
    const [name, b64] = parts as [string, string]
    checkKeyName(name)
    const bytes = strictBase64(b64, `signature ${i + 1}`)
    if (bytes.length < 5) throw new MerkleError('malformed_note', `signature ${i + 1} is too short to hold a key id and a signature`)
    return { name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) }
  })
  return { text, signatures }
}

/**
 * The note's text, once a signature by `key` verifies. Signatures by other keys are ignored,
 * as the spec requires; a signature that claims `key` but does not verify rejects the note.
 */
export function openNote(note: string, key: NoteVerifierKey): string {
  const { text, signatures } = splitNote(note)
  const mine = signatures.find((s) => s.name === key.name && s.keyId.equals(key.keyId))
  if (!mine) throw new MerkleError('unknown_signer', `note carries no signature by ${key.name}+${key.keyId.toString('hex')}`)
  if (mine.signature.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), key.publicKey, mine.signature)) {
    throw new MerkleError('bad_signature', `the signature by ${key.name} does not verify over the note text`)
  }
  return text
}
