import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reviewDigest } from '../../src/domain/review-digest.js'
import { trustedKeyFromPem, verifyDsse } from '../../src/provenance/index.js'
import { tinySafetensors } from '../../samples/index.js'
import { goodEvidence, modelCard } from '../helpers/evidence.js'
import { startHarness, type Harness } from '../helpers/harness.js'
import { approve, registerModel, settle, toProdApproval, type Actors } from '../helpers/journey.js'
import { awaitingApproval } from '../helpers/factories.js'
import { expectProblem } from '../helpers/problem.js'

let h: Harness
let actors: Actors
const keys: Record<string, string> = {}

const NO_RISK = { userFacing: false, handlesPii: false, financialImpact: false }

beforeAll(async () => {
  h = await startHarness({ worker: true })
  actors = { ci: await h.key('ci', ['ci']), redTeam: await h.key('red-team', ['red_team']) }
  for (const [name, roles] of Object.entries({
    'lead-1': ['ml_lead'], 'lead-2': ['ml_lead'], 'sec-1': ['security_lead'], 'comp-1': ['compliance_officer'], 'cto-1': ['cto'],
    'owner-team': ['model_owner'], 'other-owner': ['model_owner'], viewer: ['viewer'], 'lead-and-sec': ['ml_lead', 'security_lead'],
    'release-manager': ['ci', 'ml_lead'],
  } as Record<string, string[]>)) {
    keys[name] = await h.key(name, roles as never)
  }
})
afterAll(async () => h?.close())

async function promotedEvents(id: string) {
  return h.db.prisma.auditEvent.count({ where: { promotionId: id, action: 'promotion.promoted' } })
}

describe('the prod journey for each risk level', () => {
  it('medium risk: ml_lead and the owner approve, and the version replaces nothing in prod', async () => {
    await registerModel(h, 'medium-model', 'owner-team', NO_RISK)
    const p = await toProdApproval(h, actors, 'medium-model', '1.0.0')
    expect(p.status).toBe('awaiting_approval')
    expect(p).toMatchObject({ riskLevel: 'medium', riskScore: 1, deadline: expect.any(String) })
    expect(p.riskFactors.find((f: { factor: string }) => f.factor === 'firstDeployment')).toMatchObject({ value: true, points: 1 })
    expect(p.requiredApprovals.map((r: { role: string }) => r.role)).toEqual(['ml_lead', 'model_owner'])
    expect(p.requiredApprovals.every((r: { satisfied: boolean }) => !r.satisfied)).toBe(true)
    expect(p.gates.map((g: { tier: string; status: string }) => `${g.tier}:${g.status}`)).toEqual(['automated:passed', 'security:passed', 'governance:running'])

    const first = await approve(h, keys['lead-1']!, p.id, 'ml_lead', 'approve', { comment: 'metrics look right' })
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json().approval).toMatchObject({ role: 'ml_lead', principal: 'lead-1', decision: 'approve', comment: 'metrics look right' })
    expect(first.json().promotion.status).toBe('awaiting_approval')
    expect(first.json().promotion.requiredApprovals[0]).toMatchObject({ role: 'ml_lead', satisfied: true, approvedBy: 'lead-1', approvedAt: expect.any(String) })

    const last = await approve(h, keys['owner-team']!, p.id, 'model_owner')
    expect(last.statusCode).toBe(201)
    const done = last.json().promotion
    expect(done.status).toBe('promoted')
    const governance = done.gates.find((g: { tier: string }) => g.tier === 'governance')
    expect(governance.status).toBe('passed')
    expect(Object.fromEntries(governance.checks.map((c: { id: string; status: string }) => [c.id, c.status]))).toEqual({ compliance: 'passed', human_review: 'passed', risk_assessment: 'passed', deployment_authorization: 'passed' })
    expect((await h.request(actors.ci, { method: 'GET', url: '/v1/models/medium-model' })).json().environments).toEqual({ dev: null, staging: null, prod: '1.0.0' })
    expect(await promotedEvents(p.id)).toBe(1)
  })

  it('high risk: security_lead, ml_lead and the owner; the previous prod version is recorded as replaced', async () => {
    await registerModel(h, 'high-model', 'owner-team', { ...NO_RISK, userFacing: true })
    for (const version of ['1.0.0', '2.0.0']) {
      const p = await toProdApproval(h, actors, 'high-model', version)
      expect(p.riskLevel).toBe(version === '1.0.0' ? 'high' : 'medium')
      for (const [who, role] of [['sec-1', 'security_lead'], ['lead-1', 'ml_lead'], ['owner-team', 'model_owner']] as const) {
        if (!p.requiredApprovals.some((r: { role: string }) => r.role === role)) continue
        const res = await approve(h, keys[who]!, p.id, role)
        expect(res.statusCode, res.body).toBe(201)
      }
      expect((await settle(h, actors.ci, p.id)).status).toBe('promoted')
    }
    const model = (await h.request(actors.ci, { method: 'GET', url: '/v1/models/high-model' })).json()
    expect(model.environments.prod).toBe('2.0.0')
    expect(model.versions.find((v: { version: string }) => v.version === '1.0.0')).toMatchObject({ environment: null, replacedBy: '2.0.0', replacedAt: expect.any(String) })
  })

  it('critical risk: security_lead, compliance_officer, cto and the owner; a PII model card must declare data handling', async () => {
    await registerModel(h, 'critical-model', 'owner-team', { userFacing: true, handlesPii: true, financialImpact: true })
    const card = `${modelCard({ model: 'critical-model', version: '1.0.0' })}\n## Data Handling\n\nPersonal data is pseudonymised at ingestion and retained for 90 days.\n`
    const p = await toProdApproval(h, actors, 'critical-model', '1.0.0', { ...goodEvidence({ model: 'critical-model', version: '1.0.0' }), modelCard: card })
    expect(p).toMatchObject({ status: 'awaiting_approval', riskLevel: 'critical', riskScore: 4 })
    expect(p.requiredApprovals.map((r: { role: string }) => r.role)).toEqual(['security_lead', 'compliance_officer', 'cto', 'model_owner'])
    for (const [who, role] of [['sec-1', 'security_lead'], ['comp-1', 'compliance_officer'], ['cto-1', 'cto'], ['owner-team', 'model_owner']] as const) {
      expect((await approve(h, keys[who]!, p.id, role)).statusCode).toBe(201)
    }
    const done = await settle(h, actors.ci, p.id)
    expect(done.status).toBe('promoted')
    expect(done.gates[2].checks.find((c: { id: string }) => c.id === 'risk_assessment')).toMatchObject({ status: 'passed', measured: { level: 'critical', score: 4, signedBySecurityLead: 'sec-1' } })
  })

  it('blocks a PII model whose card does not declare data handling, before anyone is asked to approve', async () => {
    await registerModel(h, 'pii-model', 'owner-team', { ...NO_RISK, handlesPii: true })
    const p = await toProdApproval(h, actors, 'pii-model', '1.0.0')
    expect(p.status).toBe('blocked')
    expect(p.failureSummary).toMatch(/compliance.*declare its data handling/s)
    expect(p.gates[2].checks.find((c: { id: string }) => c.id === 'compliance').status).toBe('failed')
    expect((await h.request(actors.ci, { method: 'GET', url: `/v1/remediation-tickets?promotionId=${p.id}` })).json().items).toHaveLength(1)
  })
})

describe('approvals bound to what was reviewed', () => {
  let p: { id: string; reviewDigest: string; requestedBy: string }
  beforeAll(async () => {
    await registerModel(h, 'reviewed-model', 'owner-team', NO_RISK)
    const up = await h.request(actors.ci, { method: 'PUT', url: '/v1/models/reviewed-model/versions/1.0.0/artifacts/model.safetensors', headers: { 'content-type': 'application/octet-stream' }, payload: tinySafetensors() })
    expect(up.statusCode, up.body).toBe(201)
    p = await toProdApproval(h, actors, 'reviewed-model', '1.0.0', goodEvidence({ model: 'reviewed-model', version: '1.0.0' }), { artifact: { uri: 's3://m/reviewed/1.0.0', digest: up.json().digest } })
    expect(p.reviewDigest).toMatch(/^sha256:[0-9a-f]{64}$/)
  })

  it('400 without a reviewDigest or with a malformed one; nothing is recorded', async () => {
    const missing = expectProblem(await h.request(keys['lead-1']!, { method: 'POST', url: `/v1/promotions/${p.id}/approvals`, payload: { role: 'ml_lead', decision: 'approve' } }), 400)
    expect(JSON.stringify(missing)).toMatch(/reviewDigest/)
    expectProblem(await approve(h, keys['lead-1']!, p.id, 'ml_lead', 'approve', { reviewDigest: 'sha256:abc' }), 400)
    expect(await h.db.prisma.approval.count({ where: { promotionId: p.id } })).toBe(0)
  })

  it('409 for a digest of another review (the same version\'s staging promotion), naming the current one', async () => {
    const staging = (await h.request(actors.ci, { method: 'GET', url: '/v1/promotions?model=reviewed-model&targetEnvironment=staging' })).json().items[0]
    const stagingDigest = (await h.request(actors.ci, { method: 'GET', url: `/v1/promotions/${staging.id}` })).json().reviewDigest
    expect(stagingDigest).not.toBe(p.reviewDigest)
    const res = expectProblem(await approve(h, keys['lead-1']!, p.id, 'ml_lead', 'approve', { reviewDigest: stagingDigest }), 409)
    expect(res.detail).toMatch(/reviewDigest is not the promotion's current one/)
    expect(res.reviewDigest).toBe(p.reviewDigest)
    expect(await h.db.prisma.approval.count({ where: { promotionId: p.id } })).toBe(0)
  })

  it('records the digest on each approval, and the signed verdict lists every approval with it, rebuildable from the statement', async () => {
    for (const [who, role] of [['lead-1', 'ml_lead'], ['owner-team', 'model_owner']] as const) {
      const res = await approve(h, keys[who]!, p.id, role, 'approve', { reviewDigest: p.reviewDigest })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.json().approval.reviewDigest).toBe(p.reviewDigest)
    }
    const done = await settle(h, actors.ci, p.id)
    expect(done.status).toBe('promoted')
    // Recording the sign-offs does not move the digest: they are not part of what was reviewed.
    expect(done.reviewDigest).toBe(p.reviewDigest)
    expect(done.approvals.map((a: { reviewDigest: string }) => a.reviewDigest)).toEqual([p.reviewDigest, p.reviewDigest])
    const rows = await h.db.prisma.approval.findMany({ where: { promotionId: p.id } })
    expect(rows.map((r) => r.reviewDigest)).toEqual([p.reviewDigest, p.reviewDigest])
    // One audit event per approval, carrying the digest it bound.
    const recorded = await h.db.prisma.auditEvent.findMany({ where: { promotionId: p.id, action: 'approval.recorded' }, orderBy: { seq: 'asc' } })
    expect(recorded.map((e) => [e.actor, (e.data as { reviewDigest?: string }).reviewDigest])).toEqual([['lead-1', p.reviewDigest], ['owner-team', p.reviewDigest]])

    const key = (await h.request(null, { method: 'GET', url: '/v1/signing-key' })).json()
    const verified = verifyDsse((await h.request(actors.ci, { method: 'GET', url: `/v1/promotions/${p.id}/attestation` })).json(), [trustedKeyFromPem(key.publicKeyPem)])
    expect(verified.ok).toBe(true)
    if (!verified.ok) return
    const statement = JSON.parse(verified.payload.toString())
    const notes = statement.predicate.configuration[0].annotations
    expect(notes.approvals).toEqual([
      { role: 'ml_lead', principal: 'lead-1', decision: 'approve', reviewDigest: p.reviewDigest, at: expect.any(String) },
      { role: 'model_owner', principal: 'owner-team', decision: 'approve', reviewDigest: p.reviewDigest, at: expect.any(String) },
    ])
    expect(notes.reviewDigest).toBe(p.reviewDigest)
    // A verifier rebuilds the digest from the signed statement alone.
    const rebuilt = reviewDigest({ artifactDigest: `sha256:${statement.subject[0].digest.sha256}`, evidence: notes.evidence, checks: notes.checks, policyVersion: notes.policyVersion })
    expect(rebuilt).toBe(p.reviewDigest)
  })
})

describe('approval errors', () => {
  let id: string
  beforeAll(async () => {
    await registerModel(h, 'error-model', 'owner-team', NO_RISK)
    const p = await awaitingApproval(h, { model: 'error-model', version: '1.0.0' })
    expect(p.requiredApprovals.map((r) => r.role)).toEqual(['ml_lead', 'model_owner'])
    id = p.id
  })

  it('refuses forged approvals: no key (401), a key without an approver role (403), an approver named in the body (400)', async () => {
    expectProblem(await h.request(null, { method: 'POST', url: `/v1/promotions/${id}/approvals`, payload: { role: 'ml_lead', decision: 'approve' } }), 401)
    expectProblem(await approve(h, keys.viewer!, id, 'ml_lead'), 403)
    expectProblem(await approve(h, actors.ci, id, 'ml_lead'), 403)
    const forged = expectProblem(await approve(h, keys['sec-1']!, id, 'ml_lead', 'approve', { approver: 'lead-1' }), 400)
    expect(forged.errors[0].message).toMatch(/unknown field "approver"/)
    expect(await h.db.prisma.approval.count({ where: { promotionId: id } })).toBe(0)
  })

  it('403 for a role the principal does not hold, and for a model_owner who is not this model\'s owner', async () => {
    expectProblem(await approve(h, keys['sec-1']!, id, 'ml_lead'), 403)
    expectProblem(await approve(h, keys['other-owner']!, id, 'model_owner'), 403)
  })

  it('422 for a role this promotion does not require', async () => {
    expectProblem(await approve(h, keys['cto-1']!, id, 'cto'), 422)
    expectProblem(await approve(h, keys['sec-1']!, id, 'security_lead'), 422)
  })

  it('403 for self-approval by the requester', async () => {
    await registerModel(h, 'self-model', 'owner-team', NO_RISK)
    // release-manager holds ci and ml_lead: it may request, but not approve its own request.
    const p = await awaitingApproval(h, { model: 'self-model', version: '1.0.0', requestedBy: 'release-manager' })
    const res = expectProblem(await approve(h, keys['release-manager']!, p.id, 'ml_lead'), 403)
    expect(res.detail).toMatch(/requester/)
  })

  it('403 when one principal tries to fill a second role', async () => {
    await registerModel(h, 'two-role-model', 'owner-team', { ...NO_RISK, userFacing: true })
    const p = await awaitingApproval(h, { model: 'two-role-model', version: '1.0.0' })
    expect(p.riskLevel).toBe('high')
    expect((await approve(h, keys['lead-and-sec']!, p.id, 'ml_lead')).statusCode).toBe(201)
    const res = expectProblem(await approve(h, keys['lead-and-sec']!, p.id, 'security_lead'), 403)
    expect(res.detail).toMatch(/one principal fills at most one role/)
  })

  it('409 when the role is already signed, and 404 for an unknown promotion', async () => {
    expect((await approve(h, keys['lead-1']!, id, 'ml_lead')).statusCode).toBe(201)
    expectProblem(await approve(h, keys['lead-2']!, id, 'ml_lead'), 409)
    expectProblem(await approve(h, keys['lead-2']!, '7d1e7c1e-0000-4000-8000-000000000000', 'ml_lead'), 404)
  })

  it('409 once the promotion is decided', async () => {
    expect((await approve(h, keys['owner-team']!, id, 'model_owner')).statusCode).toBe(201)
    expectProblem(await approve(h, keys['lead-2']!, id, 'ml_lead'), 409)
  })

  it('409 for a promotion that is not awaiting approval yet (a dev promotion never does)', async () => {
    await registerModel(h, 'dev-only', 'owner-team', NO_RISK)
    const res = await h.request(actors.ci, { method: 'POST', url: '/v1/promotions', payload: { model: 'dev-only', version: '1.0.0', targetEnvironment: 'dev', evidence: goodEvidence({ model: 'dev-only', version: '1.0.0' }) } })
    const done = await settle(h, actors.ci, res.json().id)
    expect(done.requiredApprovals).toEqual([])
    expectProblem(await approve(h, keys['lead-1']!, done.id, 'ml_lead'), 409)
  })
})

describe('rejection and races', () => {
  it('one reject ends the promotion as rejected', async () => {
    await registerModel(h, 'reject-model', 'owner-team', NO_RISK)
    const p = await awaitingApproval(h, { model: 'reject-model', version: '1.0.0' })
    const res = await approve(h, keys['lead-1']!, p.id, 'ml_lead', 'reject', { comment: 'calibration drifted' })
    expect(res.statusCode).toBe(201)
    const done = res.json().promotion
    expect(done).toMatchObject({ status: 'rejected', decidedAt: expect.any(String) })
    expect(done.failureSummary).toContain('calibration drifted')
    expect(done.gates[2].checks.find((c: { id: string }) => c.id === 'human_review').status).toBe('failed')
    expectProblem(await approve(h, keys['owner-team']!, p.id, 'model_owner'), 409)
    expect((await h.request(actors.ci, { method: 'GET', url: '/v1/models/reject-model' })).json().environments.prod).toBeNull()
  })

  it('two last approvals racing produce exactly one promotion and one promoted event', async () => {
    await registerModel(h, 'race-model', 'owner-team', { ...NO_RISK, userFacing: true })
    const p = await awaitingApproval(h, { model: 'race-model', version: '1.0.0' })
    expect((await approve(h, keys['sec-1']!, p.id, 'security_lead')).statusCode).toBe(201)
    const [a, b] = await Promise.all([approve(h, keys['lead-1']!, p.id, 'ml_lead'), approve(h, keys['owner-team']!, p.id, 'model_owner')])
    expect([a.statusCode, b.statusCode]).toEqual([201, 201])
    expect((await settle(h, actors.ci, p.id)).status).toBe('promoted')
    expect(await promotedEvents(p.id)).toBe(1)
    expect(await h.db.prisma.modelVersion.count({ where: { model: { name: 'race-model' }, environment: 'prod' } })).toBe(1)
  })
})
