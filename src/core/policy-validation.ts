// Whether a policy document can be put in force: every check it names is in the catalog and
// sits in its own tier, its params satisfy the check's schema (no unknown or mistyped
// param), tiers appear once and in order, every environment is covered, and the policy's
// evaluation settings and budget are in range (each problem names its field, for the 422).
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import { ENVIRONMENTS } from '../domain/environments.js'
import { TIERS, type Policy } from '../domain/policy.js'
import { evaluationPolicyProblems } from '../domain/policy-settings.js'
import type { CheckDefinition } from '../gates/check.js'
import type { Catalog } from './check-catalog.js'

export type ResolvedParams = { ok: true; params: Record<string, unknown> } | { ok: false; problems: string[] }

const paramName = (instancePath: string) => instancePath.replace(/^\//, '').split('/').join('.')

/** The check's params with its defaults applied, or what is wrong with them, param by param. */
export function resolveParams(check: CheckDefinition, params: unknown): ResolvedParams {
  const withDefaults = Value.Default(check.params, structuredClone(params ?? {}))
  if (Value.Check(check.params, withDefaults)) return { ok: true, params: withDefaults as Record<string, unknown> }
  const problems = new Set<string>()
  for (const e of Value.Errors(check.params, withDefaults)) {
    // Value reports an unknown property twice: as the object's additionalProperties and as
    // the property failing the `false` schema; the first names it.
    if (e.schemaPath.endsWith('/additionalProperties')) continue
    if (e.keyword === 'additionalProperties') {
      const names = (e.params as { additionalProperties?: string[] }).additionalProperties ?? []
      for (const n of names) problems.add(`unknown param "${[paramName(e.instancePath), n].filter(Boolean).join('.')}"`)
      continue
    }
    problems.add(e.instancePath ? `param "${paramName(e.instancePath)}" ${e.message}` : `params ${e.message}`)
  }
  return { ok: false, problems: [...problems] }
}

const BudgetSettings = Type.Object({
  maxModelCalls: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000_000 })),
  maxWallSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 86_400 })),
  maxTokens: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000_000_000 })),
}, { additionalProperties: false })

/** What is wrong with settings.evaluation.budget, field by field. */
export function budgetProblems(budget: unknown): string[] {
  if (budget === undefined) return []
  const at = 'settings.evaluation.budget'
  if (Value.Check(BudgetSettings, budget)) return []
  const problems = new Set<string>()
  for (const e of Value.Errors(BudgetSettings, budget)) {
    if (e.schemaPath.endsWith('/additionalProperties')) continue
    if (e.keyword === 'additionalProperties') {
      for (const n of (e.params as { additionalProperties?: string[] }).additionalProperties ?? []) problems.add(`unknown setting "${at}.${n}" (known: ${Object.keys(BudgetSettings.properties).join(', ')})`)
      continue
    }
    problems.add(`${[at, paramName(e.instancePath)].filter(Boolean).join('.')} ${e.message}`)
  }
  return [...problems]
}

export function validatePolicy(policy: Policy, catalog: Catalog): string[] {
  const problems: string[] = [...evaluationPolicyProblems(policy), ...budgetProblems(policy.settings?.evaluation?.budget)]
  for (const env of ENVIRONMENTS) {
    const tiers = policy.environments[env]?.tiers
    if (!tiers) {
      problems.push(`environment ${env} has no tiers`)
      continue
    }
    const order = tiers.map((t) => TIERS.indexOf(t.tier))
    if (order.some((o, i) => o < 0 || (i > 0 && o <= order[i - 1]!))) {
      problems.push(`${env}: tiers must be distinct and in the order ${TIERS.join(', ')}`)
    }
    for (const t of tiers) {
      const seen = new Set<string>()
      for (const c of t.checks) {
        const def = catalog.get(c.id)
        if (!def) problems.push(`${env}/${t.tier}: unknown check "${c.id}"`)
        else if (def.tier !== t.tier) problems.push(`${env}/${t.tier}: check "${c.id}" belongs to the ${def.tier} tier`)
        else {
          const resolved = resolveParams(def, c.params)
          if (!resolved.ok) for (const p of resolved.problems) problems.push(`${env}/${t.tier}/${c.id}: ${p}`)
        }
        if (seen.has(c.id)) problems.push(`${env}/${t.tier}: check "${c.id}" listed twice`)
        seen.add(c.id)
      }
    }
    if (tiers.every((t) => t.checks.length === 0)) problems.push(`${env}: a policy must hold at least one check (no promotion passes by default)`)
  }
  return problems
}
