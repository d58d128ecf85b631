// The model registry: a model's name, kind, owner and risk profile. The risk profile is set
// here by a model owner or admin; CI cannot change it through a promotion. A model's owner
// must be someone who can sign its deployments: an existing principal holding model_owner,
// or with an identity provider, an IdP subject or group.
import { appendAudit } from '../audit/audit-log.js'
import { afterCursor, decodeCursor, encodeCursor } from '../domain/ids.js'
import { conflict, notFound, unprocessable } from '../domain/errors.js'
import { GROUP_PREFIX, OIDC_PREFIX } from '../domain/principal-names.js'
import type { Database, Tx } from '../store/database.js'
import { isUniqueViolation } from '../store/prisma-errors.js'

export interface RiskProfile { userFacing: boolean; handlesPii: boolean; financialImpact: boolean }

export interface ModelPatch {
  owner?: string
  riskProfile?: RiskProfile
}

export interface NewModel {
  name: string
  kind: 'classifier' | 'llm'
  owner: string
  riskProfile: RiskProfile
}

type ModelRow = { name: string; kind: string; owner: string; userFacing: boolean; handlesPii: boolean; financialImpact: boolean; createdAt: Date; createdBy: string }

function present(m: ModelRow) {
  return {
    name: m.name,
    kind: m.kind as NewModel['kind'],
    owner: m.owner,
    riskProfile: { userFacing: m.userFacing, handlesPii: m.handlesPii, financialImpact: m.financialImpact },
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
  }
}

/** Refuses an owner nobody could ever sign for (422), so no prod sign-off is left impossible. */
export async function checkOwner(tx: Pick<Tx, 'principal'>, owner: string, identityProvider: boolean): Promise<void> {
  const idpName = owner.startsWith(OIDC_PREFIX) || owner.startsWith(GROUP_PREFIX)
  if (identityProvider) {
    if (!idpName) throw unprocessable(`owner "${owner}" must be an identity-provider subject (oidc:<sub>) or group (group:<name>): with an identity provider configured, the model_owner sign-off comes only from its tokens`, { field: 'owner', rule: 'owner_from_idp' })
    return
  }
  if (idpName) throw unprocessable(`owner "${owner}" names an identity-provider subject or group, but no identity provider is configured`, { field: 'owner', rule: 'owner_exists' })
  const principal = await tx.principal.findUnique({ where: { name: owner }, select: { roles: true } })
  if (!principal || !principal.roles.includes('model_owner')) {
    throw unprocessable(`owner "${owner}" must name an existing principal that holds model_owner${principal ? ` (it holds ${principal.roles.join(', ')})` : ''}; create its key with POST /v1/api-keys first`, { field: 'owner', rule: 'owner_exists' })
  }
}

const sameModel = (m: ModelRow, input: NewModel) =>
  m.kind === input.kind && m.owner === input.owner && m.userFacing === input.riskProfile.userFacing && m.handlesPii === input.riskProfile.handlesPii && m.financialImpact === input.riskProfile.financialImpact

export function createModelService(deps: { db: Database; identityProvider: boolean }) {
  const { prisma } = deps.db

  return {
    /** `created: false` when the same principal sent the same registration again (a safe retry). */
    async create(actor: string, input: NewModel): Promise<{ model: ReturnType<typeof present>; created: boolean }> {
      const existing = await prisma.model.findUnique({ where: { name: input.name } })
      if (existing) {
        if (existing.createdBy === actor && sameModel(existing, input)) return { model: present(existing), created: false }
        throw conflict(`model "${input.name}" already exists${existing.createdBy === actor ? ' with a different kind, owner or risk profile' : ''}`)
      }
      try {
        const model = await prisma.$transaction(async (tx) => {
          await checkOwner(tx, input.owner, deps.identityProvider)
          const m = await tx.model.create({
            data: { name: input.name, kind: input.kind, owner: input.owner, createdBy: actor, ...input.riskProfile },
          })
          await appendAudit(tx, { actor, action: 'model.registered', model: input.name, data: { kind: input.kind, owner: input.owner, riskProfile: input.riskProfile } })
          return m
        })
        return { model: present(model), created: true }
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
        // A concurrent registration of the same name won: a retry of it is still safe.
        const winner = await prisma.model.findUnique({ where: { name: input.name } })
        if (winner && winner.createdBy === actor && sameModel(winner, input)) return { model: present(winner), created: false }
        throw conflict(`model "${input.name}" already exists`)
      }
    },

    /** Checks a change of owner or risk profile before it is stored pending (404, 422). */
    async proposeUpdate(name: string, patch: ModelPatch): Promise<ModelPatch> {
      const m = await prisma.model.findUnique({ where: { name } })
      if (!m) throw notFound(`model "${name}" does not exist`)
      if (patch.owner !== undefined) await checkOwner(prisma, patch.owner, deps.identityProvider)
      return patch
    },

    /** Applies a confirmed change. Promotions in flight keep the risk frozen when their governance tier started. */
    async applyUpdateInTx(tx: Tx, name: string, patch: ModelPatch, proposedBy: string, confirmedBy: string) {
      const m = await tx.model.findUnique({ where: { name } })
      if (!m) throw notFound(`model "${name}" does not exist`)
      if (patch.owner !== undefined) await checkOwner(tx, patch.owner, deps.identityProvider)
      const updated = await tx.model.update({ where: { name }, data: { ...(patch.owner !== undefined ? { owner: patch.owner } : {}), ...(patch.riskProfile ?? {}) } })
      const before = { owner: m.owner, riskProfile: present(m).riskProfile }
      await appendAudit(tx, { actor: confirmedBy, action: 'model.updated', model: name, data: { before, after: { owner: updated.owner, riskProfile: present(updated).riskProfile }, proposedBy, confirmedBy } })
      return present(updated)
    },

    /** Models newest first, with the version each environment holds; keyset cursor like promotions. */
    async list(limit: number, cursor?: string) {
      const after = cursor ? decodeCursor(cursor) : undefined
      const rows = await prisma.model.findMany({
        where: after ? afterCursor(after) : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit + 1,
        include: { versions: { where: { environment: { not: null } }, select: { version: true, environment: true } } },
      })
      const page = rows.slice(0, limit)
      const last = page[page.length - 1]
      const inEnv = (m: (typeof rows)[number], env: string) => m.versions.find((v) => v.environment === env)?.version ?? null
      return {
        items: page.map((m) => ({ ...present(m), environments: { dev: inEnv(m, 'dev'), staging: inEnv(m, 'staging'), prod: inEnv(m, 'prod') } })),
        nextCursor: rows.length > limit && last ? encodeCursor(last.createdAt, last.id) : null,
      }
    },

    async get(name: string) {
      const m = await prisma.model.findUnique({ where: { name }, include: { versions: { orderBy: { createdAt: 'asc' } } } })
      if (!m) throw notFound(`model "${name}" does not exist`)
      const inEnv = (env: string) => m.versions.find((v) => v.environment === env)?.version ?? null
      return {
        ...present(m),
        versions: m.versions.map((v) => ({
          version: v.version,
          environment: v.environment,
          promotedAt: v.promotedAt?.toISOString() ?? null,
          replacedAt: v.replacedAt?.toISOString() ?? null,
          replacedBy: v.replacedBy,
          createdAt: v.createdAt.toISOString(),
        })),
        environments: {
          dev: inEnv('dev'),
          staging: inEnv('staging'),
          prod: inEnv('prod'),
        },
      }
    },
  }
}

export type ModelService = ReturnType<typeof createModelService>
