// Input no route should ever see: text Postgres cannot store (NUL, lone UTF-16 surrogates),
// JSON nested deep enough to make a parser or a recursive walk burn CPU or the stack, and
// prototype-poisoning keys. Checked once, centrally, before any route runs, so every route
// answers such input with a 400 problem instead of a 500 from deep inside a query.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { badRequest } from '../domain/errors.js'

/** Deepest JSON nesting a body may have; real documents (policies, reports, provenance) stay far below. */
export const MAX_JSON_DEPTH = 64

const OPEN_BRACE = 0x7b
const OPEN_BRACKET = 0x5b
const CLOSE_BRACE = 0x7d
const CLOSE_BRACKET = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c

/**
 * The nesting depth of a JSON text, measured on the raw string without parsing it, stopping
 * as soon as it passes `limit`: a 1M-deep body is refused after `limit` characters of work.
 */
export function exceedsJsonDepth(text: string, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
      continue
    }
    if (c === QUOTE) inString = true
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > limit) return true
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--
  }
  return false
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a string cannot be accepted, or null: Postgres text and jsonb hold neither NUL nor unpaired surrogates. */
export function unstorableText(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000)'
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode)'
  return null
}

/** The first unacceptable string or key in a parsed JSON value (depth already bounded), as a path and reason. */
export function findUnstorable(value: unknown, path = ''): { path: string; reason: string } | null {
  if (typeof value === 'string') {
    const reason = unstorableText(value)
    return reason ? { path: path || '/', reason } : null
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}/${i}`)
      if (found) return found
    }
    return null
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const keyReason = unstorableText(key)
      if (keyReason) return { path: `${path}/${key.replace(/\u0000/g, '\\u0000')}`, reason: `has a field name that ${keyReason}` }
      if (key === '__proto__') return { path: `${path}/__proto__`, reason: 'is a "__proto__" field, which is refused' }
      if (key === 'constructor' && v !== null && typeof v === 'object' && Object.hasOwn(v, 'prototype')) {
        return { path: `${path}/constructor`, reason: 'is a "constructor.prototype" field, which is refused' }
      }
      const found = findUnstorable(v, `${path}/${key}`)
      if (found) return found
    }
  }
  return null
}

/** Parses a JSON body after the depth scan, then refuses unstorable text anywhere in it. */
export function parseJsonBody(text: string): unknown {
  if (text.length === 0) throw badRequest('the body is empty but content-type says JSON')
  if (exceedsJsonDepth(text)) throw badRequest(`the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels`)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (err) {
    throw badRequest(`the body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
  const found = findUnstorable(value)
  if (found) throw badRequest(`body${found.path === '/' ? '' : found.path} ${found.reason}`, { errors: [{ path: `body${found.path}`, message: found.reason }] })
  return value
}

function checkStrings(part: 'path' | 'query', values: unknown): void {
  if (!values || typeof values !== 'object') return
  for (const [key, raw] of Object.entries(values)) {
    for (const v of [key, ...(Array.isArray(raw) ? raw : [raw])]) {
      if (typeof v !== 'string') continue
      const reason = unstorableText(v)
      if (reason) throw badRequest(`${part} parameter "${unstorableText(key) ? '(unreadable name)' : key}" ${reason}`, { errors: [{ path: `${part === 'path' ? 'params' : 'querystring'}/${unstorableText(key) ? '?' : key}`, message: reason }] })
    }
  }
}

/** Refuses unstorable text in the path and the query string before authentication or any route runs. */
export function checkRequestText(request: FastifyRequest): void {
  checkStrings('path', request.params)
  checkStrings('query', request.query)
}

/** Installs the JSON body parser and the path/query check on an app (root scope, so they apply to every route). */
export function installHostileInputGuards(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json'])
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    // No body at all is no body, whatever the content type says (clients and proxies add the
    // header to bodiless POSTs): the route's schema decides whether it needed one, exactly as
    // when the header is absent. Nothing is parsed, so nothing hostile can pass.
    if ((body as string).length === 0) {
      done(null, undefined)
      return
    }
    try {
      done(null, parseJsonBody(body as string))
    } catch (err) {
      done(err as Error, undefined)
    }
  })
  app.addHook('onRequest', async (request) => checkRequestText(request))
}
