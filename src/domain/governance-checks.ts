// The governance tier's checks, computed from the frozen risk assessment, the approvals and
// the results of the earlier tiers. Pure, so each rule is tested on its own.
import { GROUP_PREFIX } from './principal-names.js'
import type { CheckOutcome } from './check-outcome.js'
import type { RequiredApproval, RiskAssessment } from './risk.js'

export interface SignedApproval {
  role: string
  principalName: string
  decision: 'approve' | 'reject'
  createdAt: string
}

export interface ComplianceRule {
  /** Which risk-profile flag makes the rule apply. */
  when: 'handlesPii' | 'userFacing' | 'financialImpact'
  /** Checks that must have passed (not merely been found not applicable) in the earlier tiers. */
  requiredChecks: string[]
  /** The model card must declare how personal data is handled. */
  requireDataHandlingDeclaration?: boolean
}

export interface ComplianceInput {
  profile: { userFacing: boolean; handlesPii: boolean; financialImpact: boolean }
  rules: ComplianceRule[]
  checkStatuses: Record<string, string>
  /** null when no model card was uploaded. */
  declaresDataHandling: boolean | null
}

export function complianceOutcome(input: ComplianceInput): CheckOutcome {
  const applicable = input.rules.filter((r) => input.profile[r.when])
  const problems: string[] = []
  const evaluated = applicable.map((rule) => {
    const missing = rule.requiredChecks.filter((c) => input.checkStatuses[c] !== 'passed')
    for (const c of missing) problems.push(`${rule.when} requires ${c} to have passed (it is ${input.checkStatuses[c] ?? 'not in this promotion'})`)
    let dataHandling: boolean | undefined
    if (rule.requireDataHandlingDeclaration) {
      dataHandling = input.declaresDataHandling === true
      if (!dataHandling) problems.push(`${rule.when} requires the model card to declare its data handling (a "Data Handling" or "Privacy" section, or data_handling in the front matter)`)
    }
    return { when: rule.when, requiredChecks: rule.requiredChecks, missing, dataHandlingDeclared: dataHandling }
  })
  const threshold = { rules: applicable.map((r) => ({ when: r.when, requiredChecks: r.requiredChecks, requireDataHandlingDeclaration: !!r.requireDataHandlingDeclaration })) }
  const measured = { rulesApplied: applicable.length, violations: problems.length }
  if (problems.length === 0) {
    return { status: 'passed', measured, threshold, details: { rules: evaluated }, summary: applicable.length === 0 ? 'no compliance rule applies to this risk profile' : `all ${applicable.length} applicable compliance rules hold` }
  }
  return { status: 'failed', measured, threshold, details: { rules: evaluated, violations: problems }, summary: `compliance: ${problems.join('; ')}`, remedy: problems.join('; ') }
}

function signerOf(role: string, approvals: SignedApproval[]) {
  return approvals.find((a) => a.role === role && a.decision === 'approve')
}

/** human_review, risk_assessment and deployment_authorization once the approvals are in. */
export function signoffOutcomes(risk: RiskAssessment, required: RequiredApproval[], approvals: SignedApproval[]): Record<'human_review' | 'risk_assessment' | 'deployment_authorization', CheckOutcome> {
  const rows = required.map((r) => ({ role: r.role, principal: r.principal ?? null, signedBy: signerOf(r.role, approvals)?.principalName ?? null, at: signerOf(r.role, approvals)?.createdAt ?? null }))
  const rejected = approvals.filter((a) => a.decision === 'reject')
  const missing = rows.filter((r) => !r.signedBy).map((r) => r.role)

  const humanReview: CheckOutcome = rejected.length > 0
    ? { status: 'failed', measured: { approved: rows.length - missing.length, required: rows.length, rejected: rejected.length }, threshold: { required: rows.map((r) => r.role) }, details: { approvals: rows, rejectedBy: rejected.map((r) => ({ role: r.role, principal: r.principalName, at: r.createdAt })) }, summary: `rejected by ${rejected.map((r) => `${r.principalName} (${r.role})`).join(', ')}`, remedy: 'address the reviewers\' comments and request a new promotion' }
    : missing.length > 0
      ? { status: 'failed', measured: { approved: rows.length - missing.length, required: rows.length }, threshold: { required: rows.map((r) => r.role) }, details: { approvals: rows, missing }, summary: `missing approvals: ${missing.join(', ')}`, remedy: `the holders of ${missing.join(', ')} must approve before the deadline` }
      : { status: 'passed', measured: { approved: rows.length, required: rows.length }, threshold: { required: rows.map((r) => r.role) }, details: { approvals: rows }, summary: `all ${rows.length} required approvers approved` }

  const needsSecurity = risk.level === 'high' || risk.level === 'critical'
  const security = signerOf('security_lead', approvals)
  const riskOk = !needsSecurity || !!security
  const riskAssessment: CheckOutcome = {
    status: riskOk ? 'passed' : 'failed',
    measured: { score: risk.score, level: risk.level, signedBySecurityLead: security?.principalName ?? null },
    threshold: { securityLeadSignOffRequired: needsSecurity },
    details: { factors: risk.factors, signedBy: security ? { principal: security.principalName, at: security.createdAt } : null },
    summary: riskOk ? `risk ${risk.level} (score ${risk.score}) computed and recorded${needsSecurity ? `, signed off by ${security!.principalName} (security_lead)` : ''}` : `risk ${risk.level} needs the security_lead's sign-off`,
    ...(riskOk ? {} : { remedy: 'a security_lead must approve' }),
  }

  const ownerSlot = required.find((r) => r.role === 'model_owner')
  const owner = signerOf('model_owner', approvals)
  // An owner named as an IdP group is answered for by a member; membership was checked from
  // the signer's token when the approval was accepted (approval-rules), and the token's groups
  // are not kept, so the signature stands for it here.
  const authorised = !!owner && (!ownerSlot?.principal || owner.principalName === ownerSlot.principal || ownerSlot.principal.startsWith(GROUP_PREFIX))
  const deploymentAuthorization: CheckOutcome = {
    status: authorised ? 'passed' : 'failed',
    measured: { authorisedBy: owner?.principalName ?? null },
    threshold: { owner: ownerSlot?.principal ?? null },
    details: { owner: ownerSlot?.principal ?? null, at: owner?.createdAt ?? null },
    summary: authorised ? `deployment authorised by the model owner ${owner!.principalName}` : `the model owner ${ownerSlot?.principal ?? ''} has not authorised the deployment`,
    ...(authorised ? {} : { remedy: `${ownerSlot?.principal ?? 'the model owner'} must approve as model_owner` }),
  }
  return { human_review: humanReview, risk_assessment: riskAssessment, deployment_authorization: deploymentAuthorization }
}
