// Secrets the service must keep but never store in clear. One configured server secret
// (MODELGATE_SECRET_KEY) is stretched with HKDF into independent keys: an AES-256-GCM key that
// seals webhook secrets, and an HMAC key that hashes API keys. A short key id, derived the same
// way and stored beside each ciphertext, says which server secret sealed it, so a rotated
// secret can still open what the previous one sealed (MODELGATE_SECRET_KEY_PREVIOUS).
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto'

export interface ServerKey {
  /** Public: names the server secret without revealing anything about it. */
  id: string
  encryption: Buffer
  hashing: Buffer
}

export interface Sealed {
  keyId: string
  /** base64url(iv) . base64url(tag) . base64url(ciphertext) */
  ciphertext: string
}

const SALT = 'modelgate/server-secret/v1'
const derive = (secret: string, info: string, length: number) => Buffer.from(hkdfSync('sha256', secret, SALT, info, length))

export function serverKey(secret: string): ServerKey {
  return {
    id: derive(secret, 'key-id', 6).toString('hex'),
    encryption: derive(secret, 'webhook-secret-encryption', 32),
    hashing: derive(secret, 'api-key-hash', 32),
  }
}

export interface SecretBox {
  current: ServerKey
  previous: ServerKey | undefined
  seal(plaintext: string): Sealed
  open(sealed: Sealed): string
  /** HMAC-SHA256 of an API key under the current server secret (and the previous one, for lookups during a rotation). */
  hashApiKey(key: string): string
  apiKeyHashes(key: string): string[]
}

const b64 = (b: Buffer) => b.toString('base64url')

export function createSecretBox(secret: string, previousSecret?: string): SecretBox {
  const current = serverKey(secret)
  const previous = previousSecret ? serverKey(previousSecret) : undefined
  const hmac = (k: ServerKey, key: string) => createHmac('sha256', k.hashing).update(key).digest('hex')
  return {
    current,
    previous,
    seal(plaintext) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', current.encryption, iv)
      // The key id is authenticated data: a ciphertext moved under another id does not open.
      cipher.setAAD(Buffer.from(current.id))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return { keyId: current.id, ciphertext: `${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(body)}` }
    },
    open(sealed) {
      const key = sealed.keyId === current.id ? current : sealed.keyId === previous?.id ? previous : undefined
      if (!key) throw new Error(`secret sealed with key ${sealed.keyId}, which is neither MODELGATE_SECRET_KEY (${current.id}) nor MODELGATE_SECRET_KEY_PREVIOUS${previous ? ` (${previous.id})` : ''}`)
      const [iv, tag, body] = sealed.ciphertext.split('.').map((p) => Buffer.from(p, 'base64url'))
      if (!iv || !tag || !body) throw new Error('sealed secret is malformed')
      const decipher = createDecipheriv('aes-256-gcm', key.encryption, iv)
      decipher.setAAD(Buffer.from(key.id))
      decipher.setAuthTag(tag)
      return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
    },
    hashApiKey: (key) => hmac(current, key),
    apiKeyHashes: (key) => [hmac(current, key), ...(previous ? [hmac(previous, key)] : []), legacySha256(key)],
  }
}

/** How keys were hashed before keyed hashing; still looked up so existing keys keep working, then rehashed. */
export const legacySha256 = (key: string) => createHash('sha256').update(key).digest('hex')
