// The policy as a JSON document: the shape GET /v1/policy returns (under `policy`) and
// PUT /v1/policy accepts. Checked for shape first, then for meaning against the catalog, so a
// file read from disk is refused for the same reasons the service would refuse it.
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import type { Policy } from '../domain/policy.js'
import type { Catalog } from './check-catalog.js'
import { validatePolicy } from './policy-validation.js'

const CheckPolicy = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  params: Type.Record(Type.String(), Type.Unknown()),
  severity: Type.Union([Type.Literal('critical'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
}, { additionalProperties: false })
const TierPolicy = Type.Object({
  tier: Type.Union([Type.Literal('automated'), Type.Literal('security'), Type.Literal('governance')]),
  checks: Type.Array(CheckPolicy, { maxItems: 50 }),
}, { additionalProperties: false })
const EnvPolicy = Type.Object({ tiers: Type.Array(TierPolicy, { maxItems: 3 }) }, { additionalProperties: false })

export const PolicyDocument = Type.Object({
  version: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$' }),
  environments: Type.Object({ dev: EnvPolicy, staging: EnvPolicy, prod: EnvPolicy }, { additionalProperties: false }),
}, { additionalProperties: false })

export type PolicyDocumentResult = { ok: true; policy: Policy } | { ok: false; problems: string[] }

/** A policy document, bare or wrapped as GET /v1/policy returns it ({policy, source, ...}). */
export function readPolicyDocument(doc: unknown, catalog: Catalog): PolicyDocumentResult {
  const wrapped = typeof doc === 'object' && doc !== null && !Array.isArray(doc) && 'policy' in doc && !('environments' in doc)
  const policy = wrapped ? (doc as { policy: unknown }).policy : doc
  if (!Value.Check(PolicyDocument, policy)) {
    const problems = [...new Set([...Value.Errors(PolicyDocument, policy)].map((e) => `${e.instancePath || '(document)'}: ${e.message}`))]
    return { ok: false, problems: problems.slice(0, 20) }
  }
  const problems = validatePolicy(policy as Policy, catalog)
  return problems.length > 0 ? { ok: false, problems } : { ok: true, policy: policy as Policy }
}
