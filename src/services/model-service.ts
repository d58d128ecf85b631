// The model registry: a model's name, kind, owner and risk profile. The risk profile is set
// here by a model owner or admin; CI cannot change it through a promotion.
import { appendAudit } from '../audit/audit-log.js'
import { conflict, notFound } from '../domain/errors.js'
import type { Database } from '../store/database.js'
import { isUniqueViolation } from '../store/prisma-errors.js'

export interface NewModel {
  name: string
  kind: 'classifier' | 'llm'
  owner: string
  riskProfile: { userFacing: boolean; handlesPii: boolean; financialImpact: boolean }
}

export function createModelService(deps: { db: Database }) {
  const { prisma } = deps.db

  function present(m: { name: string; kind: string; owner: string; userFacing: boolean; handlesPii: boolean; financialImpact: boolean; createdAt: Date; createdBy: string }) {
    return {
      name: m.name,
      kind: m.kind as NewModel['kind'],
      owner: m.owner,
      riskProfile: { userFacing: m.userFacing, handlesPii: m.handlesPii, financialImpact: m.financialImpact },
      createdBy: m.createdBy,
      createdAt: m.createdAt.toISOString(),
    }
  }

  return {
    async create(actor: string, input: NewModel) {
      try {
        const model = await prisma.$transaction(async (tx) => {
          const m = await tx.model.create({
            data: { name: input.name, kind: input.kind, owner: input.owner, createdBy: actor, ...input.riskProfile },
          })
          await appendAudit(tx, { actor, action: 'model.registered', model: input.name, data: { kind: input.kind, owner: input.owner, riskProfile: input.riskProfile } })
          return m
        })
        return present(model)
      } catch (err) {
        if (isUniqueViolation(err)) throw conflict(`model "${input.name}" already exists`)
        throw err
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
