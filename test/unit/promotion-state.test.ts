import { describe, expect, it } from 'vitest'
import { isTerminal, next, PROMOTION_STATUSES, TERMINAL_STATUSES, type PromotionEvent } from '../../src/domain/promotion-state.js'

const EVENTS: PromotionEvent[] = ['start', 'tiers_passed_needs_approval', 'tiers_passed', 'check_failed', 'approved', 'rejected', 'deadline_passed', 'cancel', 'internal_failure', 'source_moved']

describe('promotion state machine', () => {
  it('follows the happy paths', () => {
    expect(next('queued', 'start')).toBe('running')
    expect(next('running', 'tiers_passed')).toBe('promoted')
    expect(next('running', 'tiers_passed_needs_approval')).toBe('awaiting_approval')
    expect(next('awaiting_approval', 'approved')).toBe('promoted')
  })

  it('ends in the right terminal states', () => {
    expect(next('running', 'check_failed')).toBe('blocked')
    expect(next('awaiting_approval', 'rejected')).toBe('rejected')
    expect(next('awaiting_approval', 'deadline_passed')).toBe('expired')
    expect(next('queued', 'cancel')).toBe('cancelled')
    expect(next('running', 'cancel')).toBe('cancelled')
    expect(next('awaiting_approval', 'cancel')).toBe('cancelled')
    expect(next('running', 'internal_failure')).toBe('blocked')
  })

  it('never leaves a terminal state', () => {
    for (const status of TERMINAL_STATUSES) {
      for (const event of EVENTS) expect(next(status, event), `${status} + ${event}`).toBeNull()
    }
  })

  it('refuses events out of order', () => {
    expect(next('queued', 'approved')).toBeNull()
    expect(next('running', 'approved')).toBeNull()
    expect(next('awaiting_approval', 'check_failed')).toBeNull()
    expect(next('running', 'deadline_passed')).toBeNull()
    expect(next('awaiting_approval', 'start')).toBeNull()
  })

  it('classifies every status', () => {
    const terminal = PROMOTION_STATUSES.filter(isTerminal)
    expect(terminal).toEqual(['promoted', 'blocked', 'rejected', 'expired', 'cancelled'])
  })
})
