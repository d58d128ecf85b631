// A clock that stands still until the test moves it, shared by the API and the workers of a
// harness, so deadline tests move time instead of waiting for it.
import type { Clock } from '../../src/domain/clock.js'

export interface FakeClock extends Clock {
  advance(ms: number): void
}

export function fakeClock(start = new Date()): FakeClock {
  let now = start.getTime()
  return {
    now: () => new Date(now),
    advance(ms) {
      now += ms
    },
  }
}
