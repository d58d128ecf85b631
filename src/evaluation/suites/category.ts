// The result of one attack category of adversarial_robustness, with what its interval rests
// on: a plain share of defended cases, the weakest kind of edit, or a trigger's success beyond
// that of random insertions of the same shape.
import type { SequentialOutcome } from '../../domain/statistics/index.js'

export type CategoryBasis =
  | { kind: 'proportion'; defended: number; n: number }
  /** Defense rate = 1 − (hits/n − controlHits/controlN): a trigger against random insertions. */
  | { kind: 'excess'; hits: number; n: number; controlHits: number; controlN: number }

export interface CategoryResult {
  status: 'measured' | 'not_applicable'
  cases: number
  defended: number
  defenseRate: number | null
  reason?: string
  details?: Record<string, unknown>
  /** What the category's rate rests on, when it is not simply defended / cases. */
  basis?: CategoryBasis
  /** Set when the cases were judged sequentially and the sampling stopped at a decision. */
  sequential?: SequentialOutcome
}

export const notApplicableCategory = (reason: string): CategoryResult => ({ status: 'not_applicable', cases: 0, defended: 0, defenseRate: null, reason })

export function measuredCategory(cases: number, defended: number, details?: Record<string, unknown>, rate?: number, basis?: CategoryBasis): CategoryResult {
  return { status: 'measured', cases, defended, defenseRate: rate ?? (cases === 0 ? 0 : defended / cases), ...(details ? { details } : {}), ...(basis ? { basis } : {}) }
}

/** A category whose cases were judged sequentially: its counts are those of the cases used. */
export function sequentialCategory(outcome: SequentialOutcome, defended: number, details?: Record<string, unknown>): CategoryResult {
  return { ...measuredCategory(outcome.casesUsed, defended, details), sequential: outcome }
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
