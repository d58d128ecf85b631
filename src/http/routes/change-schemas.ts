import { Type } from 'typebox'
import { NullableTimestamp, Timestamp } from '../common-schemas.js'

export const ChangeOut = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('policy'), Type.Literal('model'), Type.Literal('trusted_key'), Type.Literal('trusted_key_removal')]),
  target: Type.String({ description: 'the policy version, model name or key id the change is about' }),
  payload: Type.Record(Type.String(), Type.Unknown()),
  status: Type.Union([Type.Literal('pending'), Type.Literal('applied')]),
  proposedBy: Type.String(),
  confirmedBy: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  createdAt: Timestamp,
  decidedAt: NullableTimestamp,
}, { description: 'A governed change: in force only once a second admin confirms it' })

export const TWO_ADMIN_NOTE = 'Answers 202 with a pending change; it takes effect when a second admin (another principal) confirms it with POST /v1/changes/:id/confirm.'
