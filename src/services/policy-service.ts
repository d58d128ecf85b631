// The policy in force: the newest stored version, or the built-in default until one is put in
// force. A new version is checked here (the catalog's params, tier order, outbound URLs, and
// the governance floor no policy may remove) when it is proposed and again when a second admin
// confirms it; the change service applies it. Promotions copy the policy they are created under.
import { appendAudit } from '../audit/audit-log.js'
import type { Catalog } from '../core/check-catalog.js'
import { defaultPolicy } from '../core/default-policy.js'
import { parsePolicy } from '../core/policy-schema.js'
import { validatePolicy } from '../core/policy-validation.js'
import { checkEndpointUrl, policyUrls } from '../domain/endpoint-allowlist.js'
import { conflict, unprocessable } from '../domain/errors.js'
import { governanceFloorViolations } from '../domain/governance-floor.js'
import type { Policy } from '../domain/policy.js'
import type { Database, Tx } from '../store/database.js'
import { toJsonColumn } from '../store/json.js'
import { isUniqueViolation } from '../store/prisma-errors.js'

export function createPolicyService(deps: { db: Database; catalog: Catalog; allowlist: readonly string[]; cacheTtlMs?: number }) {
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

  /** 422 when the policy cannot be put in force, 409 when its version is taken. */
  async function check(db: Pick<Tx, 'policyVersion'>, policy: Policy): Promise<void> {
    const problems = [...validatePolicy(policy, deps.catalog), ...governanceFloorViolations(policy)]
    // A judge model is called by the workers like the model itself: the same allowlist.
    for (const { at, url } of policyUrls(policy)) {
      if (typeof url !== 'string') problems.push(`${at}: a judge needs {url, model}`)
      else {
        const verdict = checkEndpointUrl(url, deps.allowlist)
        if (!verdict.ok) problems.push(`${at} refused: ${verdict.reason}`)
      }
    }
    if (problems.length > 0) throw unprocessable(`the policy cannot be put in force: ${problems.join('; ')}`, { problems })
    if (policy.version === builtIn.version || (await db.policyVersion.findUnique({ where: { version: policy.version }, select: { id: true } }))) {
      throw conflict(`policy version "${policy.version}" already exists; versions are immutable, choose a new one`)
    }
  }

  return {
    current,
    /** Checks a proposed policy before it is stored as a pending change. */
    propose: (policy: Policy) => check(prisma, policy),
    /** Puts a confirmed policy in force inside the confirming transaction. */
    async applyInTx(tx: Tx, policy: Policy, proposedBy: string, confirmedBy: string) {
      await check(tx, policy)
      const before = (await current()).policy.version
      try {
        await tx.policyVersion.create({ data: { version: policy.version, document: toJsonColumn(policy), createdBy: proposedBy } })
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`policy version "${policy.version}" already exists; versions are immutable, choose a new one`)
        throw err
      }
      await appendAudit(tx, { actor: confirmedBy, action: 'policy.changed', data: { from: before, to: policy.version, proposedBy, confirmedBy, policy } })
      return { version: policy.version }
    },
    invalidate() {
      cached = undefined
    },
  }
}

export type PolicyService = ReturnType<typeof createPolicyService>
