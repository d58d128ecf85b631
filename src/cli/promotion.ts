// The slice of the promotion view the CLI reads. The API's full document is in openapi.json.
export interface CheckView {
  id: string
  status: string
  summary: string | null
  remedy: string | null
  measured: unknown
  threshold: unknown
  severity: string
  details?: Record<string, unknown>
}

export interface GateView {
  tier: string
  status: string
  checks: CheckView[]
}

export interface PromotionView {
  id: string
  model: string
  version: string
  targetEnvironment: string
  status: string
  riskLevel: string | null
  requiredApprovals: Array<{ role: string; satisfied: boolean; principal: string | null }>
  gates: GateView[]
  failureSummary: string | null
  deadline: string | null
  reviewDigest?: string
  createdAt: string
  decidedAt: string | null
}

export const TERMINAL = new Set(['promoted', 'blocked', 'rejected', 'expired', 'cancelled'])
