// Typed domain errors. The HTTP error handler turns each into an RFC 9457 problem; nothing
// else decides status codes, so a route cannot leak an internal message by accident.

export type ProblemKind =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'too_many_requests'
  | 'too_large'

const STATUS: Record<ProblemKind, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
  too_large: 413,
}

const TITLE: Record<ProblemKind, string> = {
  bad_request: 'Bad Request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not Found',
  conflict: 'Conflict',
  unprocessable: 'Unprocessable Content',
  too_many_requests: 'Too Many Requests',
  too_large: 'Content Too Large',
}

export class DomainError extends Error {
  readonly status: number
  readonly title: string
  constructor(
    readonly kind: ProblemKind,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message)
    this.status = STATUS[kind]
    this.title = TITLE[kind]
  }
}

export const badRequest = (m: string, extra?: Record<string, unknown>) => new DomainError('bad_request', m, extra)
export const unauthorized = (m: string) => new DomainError('unauthorized', m)
export const forbidden = (m: string, extra?: Record<string, unknown>) => new DomainError('forbidden', m, extra)
export const notFound = (m: string) => new DomainError('not_found', m)
export const conflict = (m: string, extra?: Record<string, unknown>) => new DomainError('conflict', m, extra)
export const unprocessable = (m: string, extra?: Record<string, unknown>) => new DomainError('unprocessable', m, extra)
export const tooLarge = (m: string) => new DomainError('too_large', m)
