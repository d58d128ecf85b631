// The policy in force: the newest stored version, or the built-in default until an admin
// stores one. Promotions copy the policy they are created under.
import { appendAudit } from '../audit/audit-log.js'
import { conflict, unprocessable } from '../domain/errors.js'
import type { Catalog } from '../core/check-catalog.js'
import { defaultPolicy } from '../core/default-policy.js'
import { parsePolicy } from '../core/policy-schema.js'
import { validatePolicy } from '../core/policy-validation.js'
import type { Policy } from '../domain/policy.js'
import type { Principal } from '../domain/roles.js'
import type { Database } from '../store/database.js'
import { toJsonColumn } from '../store/json.js'
import { isUniqueViolation } from '../store/prisma-errors.js'

export function createPolicyService(deps: { db: Database; catalog: Catalog; cacheTtlMs?: number }) {
  const builtIn = defaultPolicy(deps.catalog)
  const { prisma } = deps.db
  let cached: { policy: Policy; source: 'default' | 'stored'; createdAt: string | null; createdBy: string | null; expires: number } | undefined

  async function current() {
    if (cached && cached.expires > Date.now()) return cached
    const row = await prisma.policyVersion.findFirst({ orderBy: { createdAt: 'desc' } })
    cached = row
      ? { policy: parsePolicy(row.document), source: 'stored', createdAt: row.createdAt.toISOString(), createdBy: row.createdBy, expires: Date.now() + (deps.cacheTtlMs ?? 1000) }
      : { policy: builtIn, source: 'default', createdAt: null, createdBy: null, expires: Date.now() + (deps.cacheTtlMs ?? 1000) }
    return cached
  }

  return {
    current,
    async update(principal: Principal, policy: Policy) {
      const problems = validatePolicy(policy, deps.catalog)
      if (problems.length > 0) throw unprocessable(`the policy cannot be put in force: ${problems.join('; ')}`, { problems })
      const before = (await current()).policy.version
      try {
        await prisma.$transaction(async (tx) => {
          await tx.policyVersion.create({ data: { version: policy.version, document: toJsonColumn(policy), createdBy: principal.name } })
          await appendAudit(tx, { actor: principal.name, action: 'policy.changed', data: { from: before, to: policy.version, policy } })
        })
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`policy version "${policy.version}" already exists; versions are immutable, choose a new one`)
        throw err
      }
      cached = undefined
      return current()
    },
  }
}

export type PolicyService = ReturnType<typeof createPolicyService>
