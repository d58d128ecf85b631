// human_review: every approver the risk calls for approved, and none rejected.
import { Type } from 'typebox'
import { signoffOutcomes } from '../../domain/governance-checks.js'
import { defineCheck } from '../check.js'

export const humanReviewCheck = defineCheck({
  id: 'human_review',
  tier: 'governance',
  title: 'Human review by the required approvers',
  passesWhen: 'every required approver approved (none rejected) before the deadline',
  params: Type.Object({}, { additionalProperties: false }),
  requires: { approvals: true },
  severity: 'high',
  environments: ['prod'],
  runner: 'signoff',
  phase: 'decision',
  decide: (ctx) => signoffOutcomes(ctx.risk, ctx.required, ctx.approvals).human_review,
})
