// A webhook's signing secret as stored: sealed under the server secret. Only the delivery
// worker opens it, just before signing.
import type { SecretBox } from '../security/secret-box.js'

export interface StoredWebhookSecret {
  secret: string | null
  secretCiphertext: string | null
  secretKeyId: string | null
}

export function openWebhookSecret(hook: StoredWebhookSecret, box: Pick<SecretBox, 'open'>): string {
  if (hook.secretCiphertext && hook.secretKeyId) return box.open({ keyId: hook.secretKeyId, ciphertext: hook.secretCiphertext })
  // Written before sealing existed and not yet sealed (the API seals these at start).
  if (hook.secret) return hook.secret
  throw new Error('webhook has no secret stored')
}

export function sealWebhookSecret(secret: string, box: Pick<SecretBox, 'seal'>): { secret: null; secretCiphertext: string; secretKeyId: string } {
  const sealed = box.seal(secret)
  return { secret: null, secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId }
}
