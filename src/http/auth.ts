// Bearer-key authentication and the role check, on every route. A route states who may
// call it in `config.roles` or declares itself `config.public`; a route that does neither is
// refused, so forgetting the declaration fails closed.
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { forbidden, unauthorized } from '../domain/errors.js'
import { holdsAny, type Principal, type Role } from '../domain/roles.js'
import type { AuthService } from '../services/auth-service.js'

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: readonly Role[]
    public?: boolean
  }
  interface FastifyRequest {
    principal: Principal
  }
}

const BEARER = /^Bearer\s+(\S+)$/i

export const authPlugin = fp(async function auth(app: FastifyInstance, opts: { auth: AuthService }) {
  app.decorateRequest('principal', null as unknown as Principal)
  app.addHook('onRequest', async (request) => {
    const config = request.routeOptions.config
    if (config.public || request.is404) return
    const header = request.headers.authorization
    const match = header ? BEARER.exec(header) : null
    if (!match) throw unauthorized('send an API key or identity token as "Authorization: Bearer <token>"')
    const principal = await opts.auth.authenticate(match[1]!)
    if (!principal) throw unauthorized('the API key is not valid')
    request.principal = principal
    const allowed = config.roles
    if (!allowed || !holdsAny(principal, allowed)) {
      throw forbidden(`this action needs one of the roles ${allowed?.join(', ') ?? '(none declared)'}; ${principal.name} holds ${principal.roles.join(', ')}`)
    }
  })
})
