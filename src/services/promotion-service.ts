// Promotion requests from CI: validated, committed with their evidence and audit event in
// one transaction (the committed row is the durable intent to run its gates), then handed to
// the queue. Retries with the same Idempotency-Key return the same promotion.
import { createHash } from 'node:crypto'
import type { Logger } from '../logger.js'
import { appendAudit } from '../audit/audit-log.js'
import { canonicalJson } from '../domain/canonical-json.js'
import { checkEndpointUrl } from '../domain/endpoint-allowlist.js'
import { checkEnvironmentOrder, type Environment } from '../domain/environments.js'
import { conflict, notFound, unprocessable } from '../domain/errors.js'
import { nextTier, type Policy } from '../domain/policy.js'
import { isTerminal, type PromotionStatus } from '../domain/promotion-state.js'
import { cancelRefusal, promotionRequestRefusal } from '../domain/object-access.js'
import { promotionRef, transitionPromotion } from '../core/lifecycle.js'
import type { Principal } from '../domain/roles.js'
import type { Tier } from '../domain/policy.js'
import type { Database, Tx } from '../store/database.js'
import { advisoryLock, lockPromotion } from '../store/locks.js'
import { emitEvent } from '../notify/outbox.js'
import { toJsonColumn } from '../store/json.js'
import { isUniqueViolation } from '../store/prisma-errors.js'
import { filesNamedBy } from '../domain/artifact-digest.js'
import { presentPromotion, PROMOTION_VIEW_SQL, type PromotionRow, type PromotionView } from './promotion-view.js'
import { afterCursor, decodeCursor, encodeCursor, isUuid } from '../domain/ids.js'

export interface PromotionRequest {
  model: string
  version: string
  targetEnvironment: Environment
  endpoint?: { protocol: string; url: string; model?: string }
  evaluation?: { dataset: string }
  outputFilter?: { protocol: string; url: string }
  artifact?: { uri: string; digest: string }
  evidence?: Record<string, unknown>
}

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
    const { rows } = await pool.query<Omit<PromotionRow, 'policy'>>(PROMOTION_VIEW_SQL, [id])
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

  async function insert(tx: Tx, principal: Principal, req: PromotionRequest, policy: Policy, idempotency?: { key: string; fingerprint: string }): Promise<{ id: string; firstTier: Tier | null }> {
    const model = await tx.model.findUnique({ where: { name: req.model } })
    if (!model) throw unprocessable(`model "${req.model}" is not registered; register it with POST /v1/models first`, { field: 'model' })
    if (req.evaluation) {
      const dataset = await tx.dataset.findUnique({ where: { name: req.evaluation.dataset }, select: { models: true } })
      if (!dataset) throw unprocessable(`dataset "${req.evaluation.dataset}" is not registered; upload it with POST /v1/datasets first`, { field: 'evaluation.dataset' })
      if (!dataset.models.includes(model.name)) {
        throw unprocessable(`dataset "${req.evaluation.dataset}" is not pinned to ${model.name}; its owner or an ml_lead registers an evaluation dataset for it with models: ["${model.name}"]`, { field: 'evaluation.dataset', rule: 'dataset_not_pinned' })
      }
    }
    await tx.modelVersion.createMany({ data: [{ modelId: model.id, version: req.version }], skipDuplicates: true })
    const version = await tx.modelVersion.findUniqueOrThrow({ where: { modelId_version: { modelId: model.id, version: req.version } } })
    const order = checkEnvironmentOrder(version.environment, req.targetEnvironment)
    if (!order.ok) throw conflict(order.reason, { currentEnvironment: version.environment })
    // This promotion references the version: its file set is frozen from here on. The update
    // takes the version's row lock before the files are read, so an upload in flight either
    // committed first (and its bytes are what is frozen) or waits and then meets the freeze.
    await tx.$executeRawUnsafe('UPDATE model_versions SET frozen_at = coalesce(frozen_at, now()) WHERE id = $1::uuid', version.id)
    const files = await tx.artifactFile.findMany({ where: { versionId: version.id }, select: { filename: true, sha256: true }, orderBy: { filename: 'asc' } })
    if (req.artifact) {
      // The promoted artifact must be one whose bytes this service hashed and scanned.
      if (filesNamedBy(req.artifact.digest, files).length === 0) {
        throw unprocessable(`artifact.digest ${req.artifact.digest} matches no file uploaded for ${req.model} ${req.version} (nor its manifest digest); upload the file with PUT /v1/models/${req.model}/versions/${req.version}/artifacts/:filename first`, { field: 'artifact.digest' })
      }
    }

    const firstTier = nextTier(policy, req.targetEnvironment, null)
    const promotion = await tx.promotion.create({
      data: {
        modelId: model.id,
        versionId: version.id,
        sourceEnvironment: order.source,
        targetEnvironment: req.targetEnvironment,
        status: 'queued',
        requestedBy: principal.name,
        activeKey: `${version.id}/${req.targetEnvironment}`,
        policyVersion: policy.version,
        policy: toJsonColumn(policy),
        endpoint: (req.endpoint ?? undefined) as object | undefined,
        evaluation: (req.evaluation ?? undefined) as object | undefined,
        outputFilter: (req.outputFilter ?? undefined) as object | undefined,
        artifact: (req.artifact ?? undefined) as object | undefined,
        artifactFiles: files,
        currentTier: firstTier,
      },
    })
    const evidence = Object.entries(req.evidence ?? {})
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([kind, v]) => {
        const content = typeof v === 'string' ? v : canonicalJson(v)
        return { promotionId: promotion.id, kind, content, digest: `sha256:${sha256(content)}`, size: Buffer.byteLength(content) }
      })
    if (evidence.length > 0) await tx.evidence.createMany({ data: evidence })
    if (idempotency) {
      await tx.idempotencyRecord.create({ data: { principalId: principal.id, key: idempotency.key, requestHash: idempotency.fingerprint, promotionId: promotion.id } })
    }
    // The audit append comes last: it takes the chain's lock, held until commit.
    await emitEvent(tx, 'promotion.created', { promotionId: promotion.id, model: model.name, version: req.version, from: order.source, to: req.targetEnvironment, requestedBy: principal.name })
    await appendAudit(tx, {
      actor: principal.name,
      action: 'promotion.created',
      promotionId: promotion.id,
      model: model.name,
      data: {
        version: req.version,
        from: order.source,
        to: req.targetEnvironment,
        policyVersion: policy.version,
        evidence: evidence.map((e) => ({ kind: e.kind, digest: e.digest })),
        artifact: req.artifact ?? null,
      },
    })
    return { id: promotion.id, firstTier }
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
      let created: { id: string; firstTier: Tier | null } | { replayOf: string }
      try {
        created = await prisma.$transaction(async (tx) => {
          if (idempotencyKey) {
            // Concurrent retries with one key queue here; the first commits, the rest replay it.
            await advisoryLock(tx, `idem:${principal.id}:${idempotencyKey}`)
            const prior = await tx.idempotencyRecord.findUnique({ where: { principalId_key: { principalId: principal.id, key: idempotencyKey } } })
            if (prior) {
              if (prior.requestHash !== fingerprint) {
                throw unprocessable('this Idempotency-Key was already used with a different request body; use a new key for a new request')
              }
              return { replayOf: prior.promotionId }
            }
          }
          return insert(tx, principal, req, policy, idempotencyKey ? { key: idempotencyKey, fingerprint } : undefined)
        })
      } catch (err) {
        if (isUniqueViolation(err)) {
          const active = await prisma.promotion.findFirst({
            where: { model: { name: req.model }, modelVersion: { version: req.version }, targetEnvironment: req.targetEnvironment, activeKey: { not: null } },
            select: { id: true, status: true },
          })
          throw conflict(`an active promotion of ${req.model} ${req.version} to ${req.targetEnvironment} already exists`, active ? { activePromotion: active.id, activeStatus: active.status } : {})
        }
        throw err
      }
      if ('replayOf' in created) return { promotion: await view(created.replayOf), replayed: true }
      if (created.firstTier) {
        // The commit above is the durable intent; if this enqueue fails the reconciler
        // re-drives the promotion, so the request still succeeds.
        await gateQueue.enqueueTier(created.id, created.firstTier).catch((err) => {
          logger.warn({ err, promotionId: created.id }, 'enqueue after commit failed; the reconciler will re-drive it')
        })
      }
      return { promotion: await view(created.id), replayed: false }
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
