// The audit log's signing identity: the service's ed25519 key, named by the log's origin.
// Loaded on first use, like the verdict signer, so a process that never signs never reads it.
import { loadOrCreateSigningKey } from '../provenance/signing-key.js'
import { formatVerifierKey, noteSigner, type NoteSigner } from './merkle/index.js'

export interface AuditLogKey {
  origin: string
  signer(): Promise<NoteSigner>
  /** `<name>+<key id>+<key>`: what an auditor pins to verify checkpoints. */
  verifierKey(): Promise<string>
}

export function createAuditLogKey(deps: { signingKeyPath: string; origin: string }): AuditLogKey {
  let loading: Promise<NoteSigner> | undefined
  const signer = () =>
    (loading ??= loadOrCreateSigningKey(deps.signingKeyPath)
      .then((k) => noteSigner(deps.origin, k.privateKey))
      .catch((err: unknown) => {
        loading = undefined
        throw err
      }))
  return {
    origin: deps.origin,
    signer,
    async verifierKey() {
      return formatVerifierKey(await signer())
    },
  }
}
