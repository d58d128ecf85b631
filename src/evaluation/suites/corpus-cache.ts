// The corpora are deterministic for a seed and cost tens of milliseconds to build (the
// encoded requests alone are 900 cases), so each is built once per process and seed. Callers
// treat the cases as read-only.

const cache = new Map<string, unknown>()

export function cached<T>(key: string, build: () => T): T {
  if (!cache.has(key)) cache.set(key, build())
  return cache.get(key) as T
}
