// Deployment risk and the approvers it calls for (the governance approval workflow).
// Pure: the worker freezes the result on the promotion when the governance tier starts.
import type { Role } from './roles.js'

export type RiskLevel = 'medium' | 'high' | 'critical'

export interface RiskInputs {
  userFacing: boolean
  handlesPii: boolean
  financialImpact: boolean
  /** No version of the model was ever in the target environment. */
  firstDeployment: boolean
  /**
   * Blocked promotions of the model to the target environment within the policy's window:
   * counted over the model, not the version string, so a new version string resets nothing.
   */
  failedGates: number
}

export interface RiskAssessment {
  score: number
  level: RiskLevel
  factors: Array<{ factor: keyof RiskInputs; value: boolean | number; points: number }>
}

export function assessRisk(inputs: RiskInputs): RiskAssessment {
  const factors: RiskAssessment['factors'] = [
    { factor: 'userFacing', value: inputs.userFacing, points: inputs.userFacing ? 1 : 0 },
    { factor: 'handlesPii', value: inputs.handlesPii, points: inputs.handlesPii ? 1 : 0 },
    { factor: 'financialImpact', value: inputs.financialImpact, points: inputs.financialImpact ? 1 : 0 },
    { factor: 'firstDeployment', value: inputs.firstDeployment, points: inputs.firstDeployment ? 1 : 0 },
    // The seed sums the factors, so each earlier blocked promotion adds a point.
    { factor: 'failedGates', value: inputs.failedGates, points: Math.max(0, Math.floor(inputs.failedGates)) },
  ]
  const score = factors.reduce((s, f) => s + f.points, 0)
  const level: RiskLevel = score >= 4 ? 'critical' : score >= 2 ? 'high' : 'medium'
  return { score, level, factors }
}

export interface RequiredApproval {
  role: Role
  /** Set when one named principal must fill the role (the model's owner). */
  principal?: string
  reason: string
}

const BY_LEVEL: Record<RiskLevel, Role[]> = {
  critical: ['security_lead', 'compliance_officer', 'cto'],
  high: ['security_lead', 'ml_lead'],
  medium: ['ml_lead'],
}

export function requiredApprovals(level: RiskLevel, owner: string): RequiredApproval[] {
  return [
    ...BY_LEVEL[level].map((role) => ({ role, reason: `${level} risk` })),
    { role: 'model_owner' as const, principal: owner, reason: 'deployment authorization by the model owner' },
  ]
}

export const APPROVER_ROLES: readonly Role[] = ['ml_lead', 'security_lead', 'compliance_officer', 'cto', 'model_owner']
