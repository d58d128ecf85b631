// The policy as a JSON document: the shape GET /v1/policy returns (under `policy`) and
// PUT /v1/policy accepts. Checked for shape first, then for meaning against the catalog, so a
// file read from disk is refused for the same reasons the service would refuse it.
import { Value } from 'typebox/value'
import type { Policy } from '../domain/policy.js'
import type { Catalog } from './check-catalog.js'
import { PolicyDocument } from './policy-schema.js'
import { validatePolicy } from './policy-validation.js'

export { PolicyDocument }

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
