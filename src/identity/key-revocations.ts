// Revoked and rotated API keys reach every API process's key cache through one Redis channel:
// the process that revokes publishes the key's stored hash, every process (itself included)
// evicts it, so a revoked key stops working everywhere at once instead of when each cache's
// TTL runs out. A subscriber needs its own connection (a subscribed ioredis client can issue
// no other command).
import { Redis } from 'ioredis'

export interface KeyRevocations {
  publish(keyHashes: string[]): Promise<void>
  close(): Promise<void>
}

const SUBSCRIBE_WAIT_MS = 5000

export const revocationChannel = (prefix: string) => `${prefix}:api-key-revocations`

export async function createKeyRevocations(deps: {
  url: string
  prefix: string
  publisher: Pick<Redis, 'publish'>
  onRevoked: (keyHashes: string[]) => void
  onError: (err: Error) => void
}): Promise<KeyRevocations> {
  const channel = revocationChannel(deps.prefix)
  const subscriber = new Redis(deps.url, { maxRetriesPerRequest: null })
  subscriber.on('error', deps.onError)
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return
    try {
      const hashes: unknown = JSON.parse(message)
      if (Array.isArray(hashes)) deps.onRevoked(hashes.filter((x): x is string => typeof x === 'string'))
    } catch (err) {
      deps.onError(err as Error)
    }
  })
  // Subscribed before the process serves, when Redis is there; when it is not, the process
  // still starts (readiness reports Redis) and ioredis subscribes once it connects (and again
  // after every reconnect). A revocation missed while disconnected is bounded by the cache TTL.
  const subscribed = subscriber.subscribe(channel).then(() => true, (err: Error) => {
    deps.onError(err)
    return false
  })
  await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, SUBSCRIBE_WAIT_MS).unref())])
  return {
    async publish(keyHashes) {
      if (keyHashes.length > 0) await deps.publisher.publish(channel, JSON.stringify(keyHashes))
    },
    async close() {
      subscriber.disconnect()
    },
  }
}
