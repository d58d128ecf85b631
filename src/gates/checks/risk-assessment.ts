// risk_assessment: the risk was computed and frozen, and a high or critical one was signed
// off by a security_lead.
import { Type } from 'typebox'
import { signoffOutcomes } from '../../domain/governance-checks.js'
import { defineCheck } from '../check.js'

export const riskAssessmentCheck = defineCheck({
  id: 'risk_assessment',
  tier: 'governance',
  title: 'Risk assessment signed off',
  passesWhen: 'risk computed and recorded, and signed by a security_lead when high or critical',
  params: Type.Object({}, { additionalProperties: false }),
  requires: { approvals: true },
  severity: 'high',
  environments: ['prod'],
  runner: 'signoff',
  phase: 'decision',
  decide: (ctx) => signoffOutcomes(ctx.risk, ctx.required, ctx.approvals).risk_assessment,
})
