// deployment_authorization: the model's owner approved this deployment.
import { Type } from 'typebox'
import { signoffOutcomes } from '../../domain/governance-checks.js'
import { defineCheck } from '../check.js'

export const deploymentAuthorizationCheck = defineCheck({
  id: 'deployment_authorization',
  tier: 'governance',
  title: 'Deployment authorised by the model owner',
  passesWhen: 'the model\'s owner approved',
  params: Type.Object({}, { additionalProperties: false }),
  requires: { approvals: true },
  severity: 'high',
  environments: ['prod'],
  runner: 'signoff',
  phase: 'decision',
  decide: (ctx) => signoffOutcomes(ctx.risk, ctx.required, ctx.approvals).deployment_authorization,
})
