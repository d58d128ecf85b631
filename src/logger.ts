// Logging: pino, object-first, with credentials redacted wherever they appear in a log line.
import pino from 'pino'
import type { FastifyBaseLogger } from 'fastify'

export type Logger = FastifyBaseLogger

export const REDACT_PATHS = [
  'req.headers.authorization',
  'headers.authorization',
  'authorization',
  'key',
  'secret',
  '*.key',
  '*.secret',
  'config.adminKey',
  'adminKey',
]

export function loggerOptions(level: string): pino.LoggerOptions {
  return { level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } }
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level))
}
