// Bounded concurrency: at most `limit` calls in flight, the rest queued in arrival order.
// One limiter per promotion caps the load modelgate puts on a team's serving endpoint.

export interface Limiter {
  run<T>(fn: () => Promise<T>): Promise<T>
  readonly active: number
  readonly peak: number
}

export function createLimiter(limit: number): Limiter {
  if (!Number.isInteger(limit) || limit < 1) throw new Error('concurrency limit must be a positive integer')
  let active = 0
  let peak = 0
  const waiting: Array<() => void> = []
  const release = () => {
    active--
    waiting.shift()?.()
  }
  return {
    get active() {
      return active
    },
    get peak() {
      return peak
    },
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve))
      active++
      peak = Math.max(peak, active)
      try {
        return await fn()
      } finally {
        release()
      }
    },
  }
}
