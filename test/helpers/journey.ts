// Drives a model version up the ladder through the real API and workers.
import { expect } from 'vitest'
import { goodEvidence } from './evidence.js'
import { ADMIN_KEY, eventually, type Harness } from './harness.js'

export interface Actors {
  ci: string
  redTeam: string
}

/** Registers a model; an owner named by a plain name gets a model_owner principal first (the service requires one). */
export async function registerModel(h: Harness, name: string, owner: string, profile: { userFacing: boolean; handlesPii: boolean; financialImpact: boolean }) {
  if (!/^(oidc|group):/.test(owner)) await h.key(owner, ['model_owner'])
  const res = await h.request(ADMIN_KEY, { method: 'POST', url: '/v1/models', payload: { name, kind: 'classifier', owner, riskProfile: profile } })
  expect(res.statusCode, res.body).toBe(201)
}

export async function settle(h: Harness, key: string, id: string, statuses = ['promoted', 'blocked', 'cancelled', 'awaiting_approval', 'rejected', 'expired'], timeoutMs = 30_000) {
  return eventually(async () => {
    const body = (await h.request(key, { method: 'GET', url: `/v1/promotions/${id}` })).json()
    return statuses.includes(body.status) ? body : null
  }, timeoutMs)
}

export async function requestPromotion(h: Harness, key: string, model: string, version: string, target: string, evidence: Record<string, unknown> = goodEvidence({ model, version }), extra: Record<string, unknown> = {}) {
  const res = await h.request(key, { method: 'POST', url: '/v1/promotions', payload: { model, version, targetEnvironment: target, evidence, ...extra } })
  expect(res.statusCode, res.body).toBe(202)
  return res.json().id as string
}

/** dev → staging (with a passing red-team attestation) → a prod promotion awaiting approval. */
export async function toProdApproval(h: Harness, actors: Actors, model: string, version: string, evidence: Record<string, unknown> = goodEvidence({ model, version }), extra: Record<string, unknown> = {}) {
  for (const target of ['dev', 'staging']) {
    if (target === 'staging') {
      const a = await h.request(actors.redTeam, { method: 'POST', url: `/v1/models/${model}/versions/${version}/attestations`, payload: { kind: 'red-team', verdict: 'pass', reportUri: `s3://red-team/${model}/${version}.pdf` } })
      expect(a.statusCode, a.body).toBe(201)
    }
    const done = await settle(h, actors.ci, await requestPromotion(h, actors.ci, model, version, target, evidence, extra))
    expect(done.status, done.failureSummary).toBe('promoted')
  }
  const prod = await settle(h, actors.ci, await requestPromotion(h, actors.ci, model, version, 'prod', evidence, extra))
  return prod
}

/** Signs as a reviewer would: reads the promotion and sends the reviewDigest it shows (unless `extra` names one). */
export async function approve(h: Harness, key: string, id: string, role: string, decision: 'approve' | 'reject' = 'approve', extra: Record<string, unknown> = {}) {
  const seen = (await h.request(key, { method: 'GET', url: `/v1/promotions/${id}` })).json()
  // An unknown promotion shows none; a well-formed digest lets the service answer 404 for it.
  const reviewDigest = seen.reviewDigest ?? `sha256:${'0'.repeat(64)}`
  return h.request(key, { method: 'POST', url: `/v1/promotions/${id}/approvals`, payload: { role, decision, reviewDigest, ...extra } })
}
