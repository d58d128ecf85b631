// RFC 9457 problem details: the one error shape every response uses.
import { STATUS_CODES } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { $id: 'Problem', additionalProperties: true },
)

export function problemType(status: number): string {
  const slug = (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z0-9]+/g, '-')
  return `urn:modelgate:problem:${slug}`
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, detail: string, extra: Record<string, unknown> = {}) {
  return reply
    .code(status)
    .type('application/problem+json')
    // Extra members come first so they can never overwrite the standard ones.
    .send({ ...extra, type: problemType(status), title: STATUS_CODES[status] ?? 'Error', status, detail, instance: request.url })
}
