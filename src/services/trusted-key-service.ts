// Public keys admins trust to sign provenance, each with the models and builders it may
// vouch for.
import { appendAudit } from '../audit/audit-log.js'
import { conflict, unprocessable } from '../domain/errors.js'
import type { Principal } from '../domain/roles.js'
import { KeyError, parsePublicKey, type KeyScope } from '../provenance/index.js'
import type { Database } from '../store/database.js'
import { isUniqueViolation } from '../store/prisma-errors.js'

export function createTrustedKeyService(deps: { db: Database }) {
  const { prisma } = deps.db
  const present = (k: { keyId: string; algorithm: string; scope: unknown; createdBy: string; createdAt: Date }) => ({ keyId: k.keyId, algorithm: k.algorithm, scope: k.scope as KeyScope, createdBy: k.createdBy, createdAt: k.createdAt.toISOString() })

  return {
    async add(principal: Principal, input: { pem: string; scope?: KeyScope }) {
      let parsed
      try {
        parsed = parsePublicKey(input.pem)
      } catch (err) {
        if (err instanceof KeyError) throw unprocessable(`pem refused: ${err.message}; trusted keys are ed25519 or ECDSA (P-256, P-384) public keys in PEM`, { field: 'pem' })
        throw err
      }
      const scope = input.scope ?? {}
      try {
        const row = await prisma.$transaction(async (tx) => {
          const k = await tx.trustedKey.create({ data: { keyId: parsed.keyId, algorithm: parsed.algorithm, pem: input.pem.trim(), scope: scope as object, createdBy: principal.name } })
          await appendAudit(tx, { actor: principal.name, action: 'trusted_key.added', data: { keyId: k.keyId, algorithm: k.algorithm, scope } })
          return k
        })
        return present(row)
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`key ${parsed.keyId} is already trusted`)
        throw err
      }
    },
    async list() {
      return { items: (await prisma.trustedKey.findMany({ orderBy: { createdAt: 'asc' } })).map(present) }
    },
  }
}

export type TrustedKeyService = ReturnType<typeof createTrustedKeyService>
