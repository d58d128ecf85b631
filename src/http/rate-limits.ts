// Two limits around authentication. Before it, per client address: an address whose requests
// keep failing authentication (401) is refused with 429 before its next key is even looked up,
// so a key-guessing or 401 storm costs neither database round trips nor much CPU. After it,
// per principal: one key's traffic cannot crowd out everyone else's. Public routes count per
// address under the general limit.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { DomainError } from '../domain/errors.js'

export interface RateLimitSettings {
  perMinute: number
  authFailuresPerMinute: number
}

const WINDOW_MS = 60_000

const tooMany = (detail: string) => new DomainError('too_many_requests', detail)

/** Registers the address gate; call before the authentication hook is added. */
export function limitBeforeAuth(api: FastifyInstance, settings: RateLimitSettings): void {
  const failures = api.createRateLimit({ max: settings.authFailuresPerMinute, timeWindow: WINDOW_MS, keyGenerator: (req: FastifyRequest) => `auth-failures:${req.ip}` })
  api.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.config.public) return
    const seen = await failures(request, { increment: false })
    if (!seen.isAllowed && seen.remaining === 0) {
      reply.header('retry-after', String(Math.max(1, seen.ttlInSeconds)))
      throw tooMany(`too many requests from this address failed authentication; retry in ${Math.max(1, seen.ttlInSeconds)} s`)
    }
  })
  api.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401) await failures(request)
  })
}

/** Registers the per-principal limit; call after the authentication hook is added. */
export function limitAfterAuth(api: FastifyInstance, settings: RateLimitSettings): void {
  api.addHook('onRequest', api.rateLimit({
    max: settings.perMinute,
    timeWindow: WINDOW_MS,
    keyGenerator: (req: FastifyRequest) => (req.principal ? `principal:${req.principal.id}` : `address:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => tooMany(`rate limit of ${ctx.max} requests per minute reached; retry in ${ctx.after}`),
  }))
}
