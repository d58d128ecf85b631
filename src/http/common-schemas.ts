import { Type } from 'typebox'
import { SEQ_CURSOR_PATTERN } from '../domain/ids.js'
import { ROLES } from '../domain/roles.js'

export const Name = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$', description: 'letters, digits, dot, dash, underscore; up to 128' })
export const VersionString = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$' })
export const EnvironmentSchema = Type.Union([Type.Literal('dev'), Type.Literal('staging'), Type.Literal('prod')])
export const RoleSchema = Type.Enum([...ROLES])
export const Timestamp = Type.String({ format: 'date-time' })
export const NullableTimestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
export const Any = Type.Unknown()
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false })
export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
export const Cursor = Type.String({ maxLength: 512 })
/** A position in a sequence (bigint): digits only, short enough to fit. */
export const SeqCursor = Type.String({ pattern: SEQ_CURSOR_PATTERN })

/** Problem responses every authenticated route can return. */
export const problems = (...codes: number[]) =>
  Object.fromEntries([401, 403, 429, ...codes].map((c) => [c, Type.Ref('Problem')]))
