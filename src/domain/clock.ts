// Where the time comes from. Code that decides by the time (deadlines, expiry) takes a Clock,
// so tests move time instead of waiting for it.
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
