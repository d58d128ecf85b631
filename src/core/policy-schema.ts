// The stored shape of a policy document: what PUT /v1/policy accepts and what a promotion's
// policy column holds. Read back from storage, it is checked against this once.
import { Type } from 'typebox'
import { Value } from 'typebox/value'
import type { Policy } from '../domain/policy.js'

const CheckPolicy = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64 }),
  params: Type.Record(Type.String(), Type.Unknown()),
  severity: Type.Union([Type.Literal('critical'), Type.Literal('high'), Type.Literal('medium'), Type.Literal('low')]),
}, { additionalProperties: false })
const TierPolicy = Type.Object({
  tier: Type.Union([Type.Literal('automated'), Type.Literal('security'), Type.Literal('governance')]),
  checks: Type.Array(CheckPolicy, { maxItems: 50 }),
}, { additionalProperties: false })
const EnvPolicy = Type.Object({ tiers: Type.Array(TierPolicy, { maxItems: 3 }) }, { additionalProperties: false })

const Count = Type.Integer({ minimum: 1, maximum: 100_000 })
const PolicySettings = Type.Object({
  riskWindowDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650, description: 'blocked promotions of the model to the target environment within this many days add to its risk (default 30)' })),
  datasetMinimums: Type.Optional(Type.Object({
    records: Type.Optional(Count), perLabel: Type.Optional(Count), perGroup: Type.Optional(Count), qaRecords: Type.Optional(Count),
  }, { additionalProperties: false, description: 'distinct inputs an evaluation dataset must hold (defaults 100 records, 20 per label, 10 per group, 50 question-answer records)' })),
  // Ranges are checked by validatePolicy (a 422 naming the field), not here (a 400).
  evaluation: Type.Optional(Type.Object({
    repeats: Type.Optional(Type.Integer({ description: 'times each safety case is asked, 1 to 10; a case is safe only when every answer is (default 1)' })),
    temperature: Type.Optional(Type.Number({ description: 'sampling temperature sent to a chat endpoint, 0 to 2 (default 0)' })),
    seed: Type.Optional(Type.Integer({ description: 'seed sent to a chat endpoint (default: none sent)' })),
    cacheNondeterministic: Type.Optional(Type.Boolean({ description: 'reuse cached answers given at a temperature above 0 too (default false)' })),
    budget: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'what one promotion may spend on evaluation: {maxModelCalls, maxWallSeconds, maxTokens} (defaults 20000 calls, 3600 s, 20000000 tokens)' })),
  }, { additionalProperties: false, description: 'how chat models are asked, whether answers are reused from the evaluation cache, and what one promotion may spend' })),
}, { additionalProperties: false })

export const PolicyDocument = Type.Object({
  version: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._+-]+$' }),
  environments: Type.Object({ dev: EnvPolicy, staging: EnvPolicy, prod: EnvPolicy }, { additionalProperties: false }),
  settings: Type.Optional(PolicySettings),
}, { additionalProperties: false })

/** A stored policy document, checked; a document that does not fit is a storage fault. */
export function parsePolicy(json: unknown): Policy {
  if (!Value.Check(PolicyDocument, json)) {
    const first = [...Value.Errors(PolicyDocument, json)][0]
    throw new Error(`stored policy does not match its schema: ${first ? `${first.instancePath} ${first.message}` : 'unknown'}`)
  }
  return json
}
