// The promotion state machine. Pure: callers persist transitions with a conditional update
// (WHERE status IN allowedFrom) so a late or duplicated event can never move a promotion back.

export const PROMOTION_STATUSES = [
  'queued',
  'running',
  'awaiting_approval',
  'promoted',
  'blocked',
  'rejected',
  'expired',
  'cancelled',
] as const
export type PromotionStatus = (typeof PROMOTION_STATUSES)[number]

export const TERMINAL_STATUSES: readonly PromotionStatus[] = ['promoted', 'blocked', 'rejected', 'expired', 'cancelled']
export const ACTIVE_STATUSES: readonly PromotionStatus[] = ['queued', 'running', 'awaiting_approval']

export type PromotionEvent =
  | 'start' // a worker picked up the first tier
  | 'tiers_passed_needs_approval'
  | 'tiers_passed'
  | 'check_failed'
  | 'approved'
  | 'rejected'
  | 'deadline_passed'
  | 'cancel'
  | 'internal_failure'
  | 'source_moved'

const TRANSITIONS: Record<PromotionEvent, { from: readonly PromotionStatus[]; to: PromotionStatus }> = {
  start: { from: ['queued'], to: 'running' },
  tiers_passed_needs_approval: { from: ['running'], to: 'awaiting_approval' },
  tiers_passed: { from: ['running'], to: 'promoted' },
  check_failed: { from: ['queued', 'running'], to: 'blocked' },
  approved: { from: ['awaiting_approval'], to: 'promoted' },
  rejected: { from: ['awaiting_approval'], to: 'rejected' },
  deadline_passed: { from: ['awaiting_approval'], to: 'expired' },
  cancel: { from: ['queued', 'running', 'awaiting_approval'], to: 'cancelled' },
  // A gate job that exhausted its retries: the promotion is visibly failed, never left hanging.
  internal_failure: { from: ['queued', 'running'], to: 'blocked' },
  // The version left the environment it was promoted from before the decision landed.
  source_moved: { from: ['running', 'awaiting_approval'], to: 'blocked' },
}

export function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status)
}

export function transition(event: PromotionEvent): { from: readonly PromotionStatus[]; to: PromotionStatus } {
  return TRANSITIONS[event]
}

/** The status after `event`, or null when the event does not apply in `status`. */
export function next(status: PromotionStatus, event: PromotionEvent): PromotionStatus | null {
  const t = TRANSITIONS[event]
  return t.from.includes(status) ? t.to : null
}
