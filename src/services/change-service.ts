// Governed changes: a change to the policy, to a model's owner or risk profile, or to the
// trusted keys is stored pending and audited, and takes effect only when a second admin
// (another principal) confirms it. With an identity provider configured the confirming admin
// must have signed in through it, so that one holder of the bootstrap key cannot mint a second
// admin key and confirm their own change. Each change is checked when proposed and again
// when confirmed, since the world may have moved in between.
import { appendAudit } from '../audit/audit-log.js'
import { canonicalJson } from '../domain/canonical-json.js'
import { conflict, forbidden, notFound } from '../domain/errors.js'
import { afterCursor, decodeCursor, encodeCursor, isUuid } from '../domain/ids.js'
import type { Policy } from '../domain/policy.js'
import type { Principal } from '../domain/roles.js'
import type { Database, Tx } from '../store/database.js'
import type { ModelPatch, ModelService } from './model-service.js'
import type { PolicyService } from './policy-service.js'
import type { ProposedKey, TrustedKeyService } from './trusted-key-service.js'

export const CHANGE_KINDS = ['policy', 'model', 'trusted_key', 'trusted_key_removal'] as const
export type ChangeKind = (typeof CHANGE_KINDS)[number]

type ChangeRow = { id: string; kind: string; target: string; payload: unknown; status: string; proposedBy: string; confirmedBy: string | null; result: unknown; createdAt: Date; decidedAt: Date | null }

export function presentChange(c: ChangeRow) {
  return {
    id: c.id,
    kind: c.kind as ChangeKind,
    target: c.target,
    payload: c.payload as Record<string, unknown>,
    status: c.status as 'pending' | 'applied',
    proposedBy: c.proposedBy,
    confirmedBy: c.confirmedBy,
    result: (c.result ?? null) as Record<string, unknown> | null,
    createdAt: c.createdAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
  }
}
export type ChangeView = ReturnType<typeof presentChange>

export function createChangeService(deps: { db: Database; policies: PolicyService; models: ModelService; trustedKeys: TrustedKeyService; identityProvider: boolean }) {
  const { prisma } = deps.db

  async function record(principal: Principal, kind: ChangeKind, target: string, payload: object): Promise<ChangeView> {
    const row = await prisma.$transaction(async (tx) => {
      const c = await tx.pendingChange.create({ data: { kind, target, payload, proposedBy: principal.name, proposedById: principal.id } })
      await appendAudit(tx, { actor: principal.name, action: 'change.proposed', ...(kind === 'model' ? { model: target } : {}), data: { changeId: c.id, kind, target, payload } })
      return c
    })
    return presentChange(row)
  }

  async function apply(tx: Tx, c: ChangeRow, confirmedBy: string): Promise<Record<string, unknown>> {
    const payload = c.payload as Record<string, unknown>
    switch (c.kind as ChangeKind) {
      case 'policy':
        return deps.policies.applyInTx(tx, payload.policy as Policy, c.proposedBy, confirmedBy)
      case 'model':
        return deps.models.applyUpdateInTx(tx, c.target, payload as ModelPatch, c.proposedBy, confirmedBy)
      case 'trusted_key':
        return deps.trustedKeys.applyInTx(tx, payload as unknown as ProposedKey, c.proposedBy, confirmedBy)
      case 'trusted_key_removal':
        return deps.trustedKeys.removeInTx(tx, c.target, c.proposedBy, confirmedBy)
    }
  }

  return {
    async proposePolicy(principal: Principal, policy: Policy) {
      await deps.policies.propose(policy)
      return record(principal, 'policy', policy.version, { policy })
    },
    async proposeModelUpdate(principal: Principal, name: string, patch: ModelPatch) {
      return record(principal, 'model', name, await deps.models.proposeUpdate(name, patch))
    },
    /** `replayed` when the same admin proposed this very key and scope before (a safe retry). */
    async proposeTrustedKey(principal: Principal, input: Parameters<TrustedKeyService['parse']>[0]): Promise<{ change: ChangeView; replayed: boolean }> {
      const key = deps.trustedKeys.parse(input)
      const earlier = await prisma.pendingChange.findMany({ where: { kind: 'trusted_key', target: key.keyId, proposedById: principal.id }, orderBy: { createdAt: 'desc' } })
      const same = earlier.find((c) => canonicalJson(c.payload) === canonicalJson(key))
      if (same) return { change: presentChange(same), replayed: true }
      await deps.trustedKeys.refuseTrusted(key)
      return { change: await record(principal, 'trusted_key', key.keyId, key), replayed: false }
    },

    /** Removing a trusted key is governed like adding one. */
    async proposeTrustedKeyRemoval(principal: Principal, keyId: string): Promise<ChangeView> {
      const key = await deps.trustedKeys.findTrusted(keyId)
      return record(principal, 'trusted_key_removal', key.keyId, { keyId: key.keyId, algorithm: key.algorithm })
    },

    async confirm(principal: Principal, id: string): Promise<ChangeView> {
      if (!isUuid(id)) throw notFound(`change ${id} does not exist`)
      if (deps.identityProvider && principal.source !== 'oidc') {
        throw forbidden('with an identity provider configured, a change is confirmed by an admin signed in through it, not by an API key')
      }
      const row = await prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRawUnsafe<{ id: string }[]>('SELECT id FROM pending_changes WHERE id = $1::uuid FOR UPDATE', id)
        if (locked.length === 0) throw notFound(`change ${id} does not exist`)
        const c = await tx.pendingChange.findUniqueOrThrow({ where: { id } })
        if (c.status !== 'pending') throw conflict(`change ${id} is already ${c.status}`, { currentStatus: c.status })
        if (c.proposedById === principal.id) throw forbidden('a second admin must confirm this change: its proposer cannot', { rule: 'two_admins' })
        const result = await apply(tx, c, principal.name)
        const done = await tx.pendingChange.update({ where: { id }, data: { status: 'applied', confirmedBy: principal.name, result: result as object, decidedAt: new Date() } })
        await appendAudit(tx, { actor: principal.name, action: 'change.confirmed', ...(c.kind === 'model' ? { model: c.target } : {}), data: { changeId: id, kind: c.kind, target: c.target, proposedBy: c.proposedBy } })
        return done
      })
      if (row.kind === 'policy') deps.policies.invalidate()
      return presentChange(row)
    },

    async list(filter: { status?: string; limit: number; cursor?: string }) {
      const after = filter.cursor ? decodeCursor(filter.cursor) : undefined
      const rows = await prisma.pendingChange.findMany({
        where: { ...(filter.status ? { status: filter.status } : {}), ...(after ? afterCursor(after) : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: filter.limit + 1,
      })
      const page = rows.slice(0, filter.limit)
      const last = page[page.length - 1]
      return { items: page.map(presentChange), nextCursor: rows.length > filter.limit && last ? encodeCursor(last.createdAt, last.id) : null }
    },
  }
}

export type ChangeService = ReturnType<typeof createChangeService>
