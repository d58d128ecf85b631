// Promotion requests from CI: validated, committed with their evidence and audit event in
// one transaction (the committed row is the durable intent to run its gates), then handed to
// the queue. Retries with the same Idempotency-Key return the same promotion.
import { createHash } from 'node:crypto'
import type { Logger } from '../logger.js'
import { canonicalJson } from '../domain/canonical-json.js'
import { checkEndpointUrl } from '../domain/endpoint-allowlist.js'
import { type Environment } from '../domain/environments.js'
import { conflict, notFound, unprocessable } from '../domain/errors.js'
import type { Policy, Tier } from '../domain/policy.js'
import { isTerminal, type PromotionStatus } from '../domain/promotion-state.js'
import { cancelRefusal, promotionRequestRefusal } from '../domain/object-access.js'
import { promotionRef, transitionPromotion } from '../core/lifecycle.js'
import { lockPromotion } from '../core/promotion-repository.js'
import type { Principal } from '../domain/roles.js'
import type { Database, Tx } from '../store/database.js'
import { advisoryLock } from '../store/locks.js'
import { emitEvent } from '../notify/outbox.js'
import { toJsonColumn } from '../store/json.js'
import { isUniqueViolation } from '../store/prisma-errors.js'
import { filesNamedBy } from '../core/artifact-digest.js'
import { inPgTransaction, isPgUniqueViolation } from '../store/pg-transaction.js'
import { insertPromotion } from './promotion-insert.js'
import { loadRerunSource, rerunRefusal, unknownPromotion } from './promotion-rerun.js'
import type { PromotionRequest } from './promotion-request.js'
import { presentPromotion, PROMOTION_VIEW_SQL, type PromotionRow, type PromotionView } from './promotion-view.js'
import { afterCursor, decodeCursor, encodeCursor, isUuid } from '../domain/ids.js'

export type { PromotionRequest } from './promotion-request.js'

/** Where accepted promotions are handed to the workers, and cancellations announced to them. */
export interface GateScheduling {
  enqueueTier(promotionId: string, tier: Tier): Promise<void>
  announceCancellation(promotionId: string): Promise<void>
}

export interface ListFilter {
  model?: string
  status?: string
  targetEnvironment?: string
  limit: number
  cursor?: string
}


const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export function createPromotionService(deps: { db: Database; gateQueue: GateScheduling; policy: () => Promise<Policy>; allowlist: readonly string[]; logger: Logger }) {
  const { db, gateQueue, logger } = deps
  const { prisma, pool } = db

  // Policy versions are immutable (a stored version cannot be replaced, the built-in default
  // changes version with every change), so a promotion's plan can come from memory.
  const policies = new Map<string, Policy>()
  async function policyOf(id: string, version: string): Promise<Policy> {
    const hit = policies.get(version)
    if (hit) return hit
    const { rows } = await pool.query<{ policy: Policy }>('SELECT policy FROM promotions WHERE id = $1::uuid', [id])
    if (policies.size >= 256) policies.clear()
    policies.set(version, rows[0]!.policy)
    return rows[0]!.policy
  }

  async function view(id: string, viewer?: Principal): Promise<PromotionView> {
    if (!isUuid(id)) throw notFound(`promotion ${id} does not exist`)
    // Named, so each connection parses and plans the statement once: planning its joins and
    // four sub-selects cost Postgres more than running them.
    const { rows } = await pool.query<Omit<PromotionRow, 'policy'>>({ name: 'promotion-view', text: PROMOTION_VIEW_SQL, values: [id] })
    const row = rows[0]
    if (!row) throw notFound(`promotion ${id} does not exist`)
    return presentPromotion({ ...row, policy: await policyOf(id, row.policy_version) }, viewer)
  }

  function checkHosts(req: PromotionRequest): void {
    for (const [field, target] of [['endpoint', req.endpoint], ['outputFilter', req.outputFilter]] as const) {
      if (!target) continue
      const verdict = checkEndpointUrl(target.url, deps.allowlist)
      if (!verdict.ok) throw unprocessable(`${field}.url refused: ${verdict.reason}`, { field: `${field}.url` })
    }
  }

  /** A unique violation on the active key: another promotion of this version and target is active (409). */
  async function activeConflict(err: unknown, req: PromotionRequest): Promise<unknown> {
    if (!isPgUniqueViolation(err)) return err
    const active = await prisma.promotion.findFirst({
      where: { model: { name: req.model }, modelVersion: { version: req.version }, targetEnvironment: req.targetEnvironment, activeKey: { not: null } },
      select: { id: true, status: true },
    })
    return conflict(`an active promotion of ${req.model} ${req.version} to ${req.targetEnvironment} already exists`, active ? { activePromotion: active.id, activeStatus: active.status } : {})
  }

  /** Hands a committed promotion to the workers; the answer is the promotion as accepted, read back by the statement that wrote it. */
  async function accepted(created: { id: string; firstTier: Tier | null; row: PromotionRow }): Promise<PromotionView> {
    const { id, firstTier, row } = created
    if (firstTier) {
      // The commit is the durable intent; if this enqueue fails the reconciler re-drives the
      // promotion, so the request still succeeds.
      await gateQueue.enqueueTier(id, firstTier).catch((err) => {
        logger.warn({ err, promotionId: id }, 'enqueue after commit failed; the reconciler will re-drive it')
      })
    }
    return presentPromotion(row)
  }

  return {
    view,

    async create(principal: Principal, req: PromotionRequest, idempotencyKey?: string): Promise<{ promotion: PromotionView; replayed: boolean }> {
      const outOfScope = promotionRequestRefusal(principal, req.model)
      if (outOfScope) throw outOfScope
      checkHosts(req)
      const fingerprint = sha256(canonicalJson(req))
      // Read before the transaction: a query outside it while it holds a connection could wait
      // for a pool that transactions like it have exhausted.
      const policy = await deps.policy()
      let created: { id: string; firstTier: Tier | null; row: PromotionRow } | { replayOf: string }
      try {
        created = await inPgTransaction(pool, async (client) => {
          if (idempotencyKey) {
            // Concurrent retries with one key queue here; the first commits, the rest replay it.
            await client.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`idem:${principal.id}:${idempotencyKey}`])
            const { rows } = await client.query<{ request_hash: string; promotion_id: string }>(
              'SELECT request_hash, promotion_id FROM idempotency_records WHERE principal_id = $1::uuid AND key = $2',
              [principal.id, idempotencyKey],
            )
            const prior = rows[0]
            if (prior) {
              if (prior.request_hash !== fingerprint) {
                throw unprocessable('this Idempotency-Key was already used with a different request body; use a new key for a new request')
              }
              return { replayOf: prior.promotion_id }
            }
          }
          return insertPromotion(client, principal, req, policy, idempotencyKey ? { key: idempotencyKey, fingerprint } : undefined)
        })
      } catch (err) {
        throw await activeConflict(err, req)
      }
      if ('replayOf' in created) return { promotion: await view(created.replayOf), replayed: true }
      return { promotion: await accepted(created), replayed: false }
    },

    /**
     * A blocked promotion judged again: a new promotion with the same request and evidence,
     * under the policy now in force, naming the old one (rerunOf). The old one stays blocked,
     * with its results, and still counts in the model's risk history.
     */
    async rerun(principal: Principal, id: string): Promise<PromotionView> {
      if (!isUuid(id)) throw unknownPromotion(id)
      const source = await loadRerunSource(pool, id)
      if (!source) throw unknownPromotion(id)
      const refusal = rerunRefusal(principal, source)
      if (refusal) throw refusal
      checkHosts(source.request)
      const policy = await deps.policy()
      let created: { id: string; firstTier: Tier | null; row: PromotionRow }
      try {
        // Blocked is terminal, so the status read above still holds. Two re-runs at once: the
        // unique active key lets one commit and refuses the other (409), like two requests.
        created = await inPgTransaction(pool, (client) =>
          insertPromotion(client, principal, source.request, policy, undefined, { of: id, by: principal.name, requestedBy: source.requestedBy }))
      } catch (err) {
        throw await activeConflict(err, source.request)
      }
      return accepted(created)
    },

    async list(filter: ListFilter) {
      const after = filter.cursor ? decodeCursor(filter.cursor) : undefined
      const rows = await prisma.promotion.findMany({
        where: {
          ...(filter.model ? { model: { name: filter.model } } : {}),
          ...(filter.status ? { status: filter.status } : {}),
          ...(filter.targetEnvironment ? { targetEnvironment: filter.targetEnvironment } : {}),
          ...(after ? afterCursor(after) : {}),
        },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: filter.limit + 1,
        include: { model: { select: { name: true } }, modelVersion: { select: { version: true } } },
      })
      const page = rows.slice(0, filter.limit)
      const last = page[page.length - 1]
      return {
        items: page.map((p) => ({
          id: p.id,
          model: p.model.name,
          version: p.modelVersion.version,
          sourceEnvironment: p.sourceEnvironment,
          targetEnvironment: p.targetEnvironment,
          status: p.status as PromotionStatus,
          riskLevel: p.riskLevel,
          severity: p.severity,
          requestedBy: p.requestedBy,
          createdAt: p.createdAt.toISOString(),
          updatedAt: p.updatedAt.toISOString(),
          decidedAt: p.decidedAt?.toISOString() ?? null,
        })),
        nextCursor: rows.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : null,
      }
    },

    /**
     * A check's stored failing cases (a capped sample), optionally of one category. `total`
     * counts the stored cases matching; `failures` is every failing case the check counted
     * (null when it did not count them), so `sampled` says whether cases were left out.
     */
    async cases(id: string, checkId: string, limit: number, after?: number, category?: string) {
      if (!isUuid(id)) throw notFound(`promotion ${id} does not exist`)
      const check = await prisma.checkResult.findUnique({ where: { promotionId_checkId: { promotionId: id, checkId } }, select: { status: true, failureCounts: true } })
      if (!check) {
        const exists = await prisma.promotion.count({ where: { id } })
        throw notFound(exists ? `check ${checkId} has no recorded result on this promotion` : `promotion ${id} does not exist`)
      }
      const [rows, total] = await Promise.all([
        prisma.checkCase.findMany({ where: { promotionId: id, checkId, ...(category !== undefined ? { category } : {}), ...(after !== undefined ? { position: { gt: after } } : {}) }, orderBy: { position: 'asc' }, take: limit + 1 }),
        prisma.checkCase.count({ where: { promotionId: id, checkId, ...(category !== undefined ? { category } : {}) } }),
      ])
      const page = rows.slice(0, limit)
      const counts = check.failureCounts as Record<string, number> | null
      const failures = counts === null ? null : category !== undefined ? (counts[category] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0)
      return {
        checkId,
        status: check.status,
        category: category ?? null,
        total,
        failures,
        sampled: failures !== null && total < failures,
        items: page.map((c) => ({ position: c.position, category: c.category, input: c.input, output: c.output, verdict: c.verdict, detector: c.detector, details: c.details ?? null })),
        nextCursor: rows.length > limit ? String(page[page.length - 1]!.position) : null,
      }
    },

    async cancel(principal: Principal, id: string, reason?: string): Promise<PromotionView> {
      if (!isUuid(id)) throw notFound(`promotion ${id} does not exist`)
      await prisma.$transaction(async (tx) => {
        const state = await lockPromotion(tx, id)
        if (!state) throw notFound(`promotion ${id} does not exist`)
        const p = await tx.promotion.findUniqueOrThrow({ where: { id }, select: { requestedBy: true, model: { select: { name: true, owner: true } } } })
        const refusal = cancelRefusal(principal, p)
        if (refusal) throw refusal
        if (isTerminal(state.status)) throw conflict(`promotion is already ${state.status}`, { currentStatus: state.status })
        const full = await tx.promotion.findUniqueOrThrow({ where: { id }, include: { model: { select: { name: true } }, modelVersion: { select: { version: true } } } })
        await transitionPromotion(tx, promotionRef(full), { event: 'cancel', actor: principal.name, data: { from: state.status, cancelledBy: principal.name, reason: reason ?? null } })
      })
      // After the commit: the worker running its gate, in whichever process, stops calling
      // the model. If this announcement is lost the worker still records nothing, since the
      // promotion is no longer running.
      await gateQueue.announceCancellation(id).catch((err) => logger.warn({ err, promotionId: id }, 'cancellation announcement failed'))
      return view(id)
    },
  }
}

export type PromotionService = ReturnType<typeof createPromotionService>
