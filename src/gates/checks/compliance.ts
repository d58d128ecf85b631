// compliance: the policy's rules for the model's risk profile, decided when the governance
// tier starts, before anyone is asked to approve.
import { Type } from 'typebox'
import { complianceOutcome, type ComplianceRule } from '../../domain/governance-checks.js'
import { defineCheck } from '../check.js'

export const DEFAULT_COMPLIANCE_RULES: ComplianceRule[] = [
  { when: 'handlesPii', requireDataHandlingDeclaration: true, requiredChecks: ['model_card', 'security_scan'] },
  { when: 'userFacing', requiredChecks: ['red_team_report'] },
  { when: 'financialImpact', requiredChecks: ['unit_tests', 'integration_tests', 'accuracy_benchmark'] },
]

const Rule = Type.Object({
  when: Type.Union([Type.Literal('handlesPii'), Type.Literal('userFacing'), Type.Literal('financialImpact')], { description: 'the risk-profile flag that makes the rule apply' }),
  requiredChecks: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50, description: 'checks that must have passed in the earlier tiers' }),
  requireDataHandlingDeclaration: Type.Optional(Type.Boolean({ description: 'the model card must declare how personal data is handled' })),
}, { additionalProperties: false })

export const complianceCheck = defineCheck({
  id: 'compliance',
  tier: 'governance',
  title: 'Compliance rules for the risk profile',
  passesWhen: 'the policy\'s rules for the risk profile hold: a PII model\'s card declares its data handling and its `model_card` and `security_scan` passed; user-facing needs `red_team_report`; financial impact needs the test suites',
  params: Type.Object({ rules: Type.Array(Rule, { maxItems: 20, default: DEFAULT_COMPLIANCE_RULES }) }, { additionalProperties: false }),
  requires: {},
  severity: 'high',
  environments: ['prod'],
  runner: 'signoff',
  phase: 'tier_start',
  decide: (ctx) => complianceOutcome({ profile: ctx.profile, rules: ctx.params.rules, checkStatuses: ctx.checkStatuses, declaresDataHandling: ctx.declaresDataHandling }),
})
