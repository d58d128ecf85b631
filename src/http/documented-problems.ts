// The problem responses every route can give whatever it does, added to each route's schema in
// one place so the OpenAPI document states them and a client (or the schema-derived fuzz test)
// can rely on it: 400 for hostile input in the path, query or body (checked centrally), 404 for
// an unknown id in the path, 413 and 415 for bodies too large or of a type not read, and
// 401/403/429 around authentication. Routes keep whatever they declared themselves.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH'])

export function documentCommonProblems(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = route.schema as { response?: Record<string, unknown>; hide?: boolean } | undefined
    if (!schema || schema.hide) return
    // A route that declared no responses (the metrics text) still answers 200 as it likes.
    const response = (schema.response ??= { 200: { description: 'Default Response' } })
    const methods = ([] as string[]).concat(route.method)
    const codes = [400]
    if (route.url.includes(':')) codes.push(404)
    if (methods.some((m) => BODY_METHODS.has(m))) codes.push(413, 415)
    if (!route.config?.public) codes.push(401, 403)
    // Every /v1 route is rate limited, public ones per client address.
    if (route.url.startsWith('/v1/')) codes.push(429)
    for (const code of codes) if (!(code in response)) response[code] = Type.Ref('Problem')
  })
}
