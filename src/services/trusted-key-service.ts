// Public keys admins trust to sign provenance, each with the models and builders it may
// vouch for. Adding one is a governed change: proposed by one admin, in force when a second
// confirms it (the change service calls applyInTx).
import { appendAudit } from '../audit/audit-log.js'
import { canonicalJson } from '../domain/canonical-json.js'
import { conflict, notFound, unprocessable } from '../domain/errors.js'
import { KeyError, parsePublicKey, type KeyScope } from '../provenance/index.js'
import type { Database, Tx } from '../store/database.js'

export interface ProposedKey {
  keyId: string
  algorithm: string
  pem: string
  scope: KeyScope
}

type KeyRow = { keyId: string; algorithm: string; pem: string; scope: unknown; createdBy: string; createdAt: Date }

export function createTrustedKeyService(deps: { db: Database }) {
  const { prisma } = deps.db
  const present = (k: KeyRow) => ({ keyId: k.keyId, algorithm: k.algorithm, scope: k.scope as KeyScope, createdBy: k.createdBy, createdAt: k.createdAt.toISOString() })

  async function refuseTrusted(db: Pick<Tx, 'trustedKey'>, key: ProposedKey): Promise<void> {
    const existing = await db.trustedKey.findUnique({ where: { keyId: key.keyId } })
    if (existing) throw conflict(`key ${key.keyId} is already trusted${canonicalJson(existing.scope) === canonicalJson(key.scope) ? ' with this scope' : ' with another scope'}`, { keyId: key.keyId })
  }

  return {
    /** Parses a key to trust (422 when unreadable). */
    parse(input: { pem: string; scope?: KeyScope }): ProposedKey {
      let parsed
      try {
        parsed = parsePublicKey(input.pem)
      } catch (err) {
        if (err instanceof KeyError) throw unprocessable(`pem refused: ${err.message}; trusted keys are ed25519 or ECDSA (P-256, P-384) public keys in PEM`, { field: 'pem' })
        throw err
      }
      return { keyId: parsed.keyId, algorithm: parsed.algorithm, pem: input.pem.trim(), scope: input.scope ?? {} }
    },
    /** 409 when the key is already trusted. */
    refuseTrusted: (key: ProposedKey) => refuseTrusted(prisma, key),
    async applyInTx(tx: Tx, key: ProposedKey, proposedBy: string, confirmedBy: string) {
      await refuseTrusted(tx, key)
      const k = await tx.trustedKey.create({ data: { keyId: key.keyId, algorithm: key.algorithm, pem: key.pem, scope: key.scope as object, createdBy: proposedBy } })
      await appendAudit(tx, { actor: confirmedBy, action: 'trusted_key.added', data: { keyId: k.keyId, algorithm: k.algorithm, scope: key.scope, proposedBy, confirmedBy } })
      return present(k)
    },
    /** 404 unless the key is trusted now. */
    async findTrusted(keyId: string) {
      const k = keyId.length <= 256 ? await prisma.trustedKey.findUnique({ where: { keyId } }) : null
      if (!k) throw notFound(`key ${keyId} is not trusted`)
      return present(k)
    },
    /**
     * Stops trusting a key for new provenance checks. Verdicts already made stay verifiable:
     * they are signed by the service's own key, and each past promotion keeps its stored
     * provenance result.
     */
    async removeInTx(tx: Tx, keyId: string, proposedBy: string, confirmedBy: string) {
      const k = await tx.trustedKey.findUnique({ where: { keyId } })
      if (!k) throw conflict(`key ${keyId} is no longer trusted; nothing to remove`, { keyId })
      await tx.trustedKey.delete({ where: { keyId } })
      await appendAudit(tx, { actor: confirmedBy, action: 'trusted_key.removed', data: { keyId, algorithm: k.algorithm, scope: k.scope, proposedBy, confirmedBy } })
      return { ...present(k), removed: true }
    },
    async list() {
      return { items: (await prisma.trustedKey.findMany({ orderBy: { createdAt: 'asc' } })).map(present) }
    },
  }
}

export type TrustedKeyService = ReturnType<typeof createTrustedKeyService>
