// The single place errors become HTTP. Typed domain errors carry their status; fastify's own
// 4xx errors (bad JSON, body too large, schema mismatch) pass through with their message;
// anything else is a 500 whose message is logged, never sent.
import type { FastifyError, FastifyInstance } from 'fastify'
import { DomainError } from '../domain/errors.js'
import { sendProblem } from './problem.js'
import { describeValidation } from './validation-messages.js'
import { isOverload } from '../store/prisma-errors.js'

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendProblem(request, reply, error.status, error.message, error.extra)
    }
    if (error.validation) {
      const where = error.validationContext ?? 'request'
      const errors = describeValidation(where, error.validation)
      return sendProblem(request, reply, 400, `${where} does not match the schema: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`, { errors })
    }
    if (isOverload(error)) {
      // Saturation, not a fault: every connection is busy. Retryable, and safe to retry with
      // the same Idempotency-Key.
      request.log.warn({ code: (error as { code?: string }).code }, 'database saturated')
      return sendProblem(request, reply.header('retry-after', '1'), 503, 'the service is saturated; retry shortly (with the same Idempotency-Key)')
    }
    const status = error.statusCode ?? 500
    if (status >= 400 && status < 500) {
      return sendProblem(request, reply, status, error.message)
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, 500, 'an unexpected error occurred; it has been logged')
  })

  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`))
}
