// The result of one attack category of adversarial_robustness.
export interface CategoryResult {
  status: 'measured' | 'not_applicable'
  cases: number
  defended: number
  defenseRate: number | null
  reason?: string
  details?: Record<string, unknown>
}

export const notApplicableCategory = (reason: string): CategoryResult => ({ status: 'not_applicable', cases: 0, defended: 0, defenseRate: null, reason })

export function measuredCategory(cases: number, defended: number, details?: Record<string, unknown>, rate?: number): CategoryResult {
  return { status: 'measured', cases, defended, defenseRate: rate ?? (cases === 0 ? 0 : defended / cases), ...(details ? { details } : {}) }
}

/** A trigger whose attack success clearly exceeds that of random insertions of the same shape. */
export interface DetectedBackdoor {
  trigger: string
  kind: string
  source: string
  attackSuccessRate: number
  controlRate: number
  excess: number
  target?: string
}
