import { describe, expect, it } from 'vitest'
import { checkApproval } from '../../src/domain/approval-rules.js'
import { complianceOutcome, signoffOutcomes } from '../../src/domain/governance-checks.js'
import { assessRisk, requiredApprovals } from '../../src/domain/risk.js'
import type { Principal } from '../../src/domain/roles.js'

const none = { userFacing: false, handlesPii: false, financialImpact: false, firstDeployment: false, failedGates: 0 }

describe('risk scoring', () => {
  it('sums the factors and maps the score to a level', () => {
    expect(assessRisk(none)).toMatchObject({ score: 0, level: 'medium' })
    expect(assessRisk({ ...none, firstDeployment: true })).toMatchObject({ score: 1, level: 'medium' })
    expect(assessRisk({ ...none, userFacing: true, firstDeployment: true })).toMatchObject({ score: 2, level: 'high' })
    expect(assessRisk({ ...none, handlesPii: true, financialImpact: true, userFacing: true })).toMatchObject({ score: 3, level: 'high' })
    expect(assessRisk({ userFacing: true, handlesPii: true, financialImpact: true, firstDeployment: true, failedGates: 0 })).toMatchObject({ score: 4, level: 'critical' })
    expect(assessRisk({ ...none, failedGates: 4 })).toMatchObject({ score: 4, level: 'critical' })
  })

  it('names every factor with its points', () => {
    const r = assessRisk({ ...none, handlesPii: true, failedGates: 2 })
    expect(r.factors).toEqual([
      { factor: 'userFacing', value: false, points: 0 },
      { factor: 'handlesPii', value: true, points: 1 },
      { factor: 'financialImpact', value: false, points: 0 },
      { factor: 'firstDeployment', value: false, points: 0 },
      { factor: 'failedGates', value: 2, points: 2 },
    ])
  })

  it('requires the seed approvers per level plus the model owner', () => {
    expect(requiredApprovals('medium', 'fraud-team').map((r) => r.role)).toEqual(['ml_lead', 'model_owner'])
    expect(requiredApprovals('high', 'o').map((r) => r.role)).toEqual(['security_lead', 'ml_lead', 'model_owner'])
    expect(requiredApprovals('critical', 'o').map((r) => r.role)).toEqual(['security_lead', 'compliance_officer', 'cto', 'model_owner'])
    expect(requiredApprovals('medium', 'fraud-team').at(-1)).toMatchObject({ role: 'model_owner', principal: 'fraud-team' })
  })
})

describe('approval rules', () => {
  const alice: Principal = { id: 'a', name: 'alice', roles: ['ml_lead', 'security_lead'] }
  const base = { principal: alice, role: 'ml_lead' as const, requestedBy: 'ci', required: requiredApprovals('high', 'owner'), existing: [] }

  it('lets a holder of a required role sign it', () => {
    expect(checkApproval(base)).toBeNull()
  })
  it('refuses a role not held (403), a role not required (422), the requester (403)', () => {
    expect(checkApproval({ ...base, role: 'cto' })?.status).toBe(403)
    expect(checkApproval({ ...base, principal: { ...alice, roles: ['cto'] }, role: 'cto' })?.status).toBe(422)
    expect(checkApproval({ ...base, requestedBy: 'alice' })?.status).toBe(403)
  })
  it('refuses a second signature for a role (409) and a second role for a principal (403)', () => {
    expect(checkApproval({ ...base, existing: [{ role: 'ml_lead', principalId: 'b' }] })?.status).toBe(409)
    expect(checkApproval({ ...base, role: 'security_lead', existing: [{ role: 'ml_lead', principalId: 'a' }] })?.status).toBe(403)
  })
  it('lets only the named owner fill model_owner', () => {
    const bob: Principal = { id: 'b', name: 'bob', roles: ['model_owner'] }
    expect(checkApproval({ ...base, principal: bob, role: 'model_owner' })?.status).toBe(403)
    expect(checkApproval({ ...base, principal: { ...bob, name: 'owner' }, role: 'model_owner' })).toBeNull()
  })
})

describe('governance checks', () => {
  const risk = assessRisk({ ...none, userFacing: true, firstDeployment: true })
  const required = requiredApprovals(risk.level, 'owner')
  const at = '2026-11-25T00:00:00.000Z'

  it('passes the sign-offs when every required approver approved', () => {
    const out = signoffOutcomes(risk, required, [
      { role: 'security_lead', principalName: 'sec', decision: 'approve', createdAt: at },
      { role: 'ml_lead', principalName: 'lead', decision: 'approve', createdAt: at },
      { role: 'model_owner', principalName: 'owner', decision: 'approve', createdAt: at },
    ])
    expect(out.human_review.status).toBe('passed')
    expect(out.risk_assessment).toMatchObject({ status: 'passed', measured: { level: 'high', signedBySecurityLead: 'sec' } })
    expect(out.deployment_authorization).toMatchObject({ status: 'passed', measured: { authorisedBy: 'owner' } })
  })

  it('fails them when approvals are missing or one rejected', () => {
    const partial = signoffOutcomes(risk, required, [{ role: 'ml_lead', principalName: 'lead', decision: 'approve', createdAt: at }])
    expect(partial.human_review).toMatchObject({ status: 'failed', details: { missing: ['security_lead', 'model_owner'] } })
    expect(partial.risk_assessment.status).toBe('failed')
    expect(partial.deployment_authorization.status).toBe('failed')
    const rejected = signoffOutcomes(risk, required, [{ role: 'ml_lead', principalName: 'lead', decision: 'reject', createdAt: at }])
    expect(rejected.human_review.summary).toMatch(/rejected by lead \(ml_lead\)/)
  })

  it('compliance: a PII model needs a card that declares data handling and the required checks passed', () => {
    const rules = [{ when: 'handlesPii' as const, requireDataHandlingDeclaration: true, requiredChecks: ['model_card'] }]
    const profile = { userFacing: false, handlesPii: true, financialImpact: false }
    expect(complianceOutcome({ profile, rules, checkStatuses: { model_card: 'passed' }, declaresDataHandling: true }).status).toBe('passed')
    const noDecl = complianceOutcome({ profile, rules, checkStatuses: { model_card: 'passed' }, declaresDataHandling: false })
    expect(noDecl.status).toBe('failed')
    expect(noDecl.summary).toMatch(/declare its data handling/)
    expect(complianceOutcome({ profile, rules, checkStatuses: { model_card: 'not_applicable' }, declaresDataHandling: true }).status).toBe('failed')
    expect(complianceOutcome({ profile: { ...profile, handlesPii: false }, rules, checkStatuses: {}, declaresDataHandling: null })).toMatchObject({ status: 'passed', measured: { rulesApplied: 0 } })
  })
})
