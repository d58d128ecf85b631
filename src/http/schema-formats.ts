// Schema formats held to what Postgres can store, so a value a schema accepts can never make
// a query fail: a `date-time` must also be a date Postgres and JavaScript both read the same
// way (year 0001 to 9999, an offset Postgres accepts, no leap second JavaScript cannot parse).
import type { Ajv } from 'ajv'
import { fullFormats } from 'ajv-formats/dist/formats.js'

const OFFSET = /(?:[zZ]|([+-])(\d{2}):?(\d{2}))$/
const MAX_OFFSET_MINUTES = 15 * 60 + 59

export function isStorableDateTime(value: string): boolean {
  const base = fullFormats['date-time'] as { validate: (s: string) => boolean }
  if (!base.validate(value)) return false
  const year = Number(value.slice(0, 4))
  if (!(year >= 1 && year <= 9999)) return false
  const offset = OFFSET.exec(value)
  if (offset?.[1] && Number(offset[2]) * 60 + Number(offset[3]) > MAX_OFFSET_MINUTES) return false
  return !Number.isNaN(Date.parse(value))
}

export function addStorableFormats(ajv: Ajv): void {
  ajv.addFormat('date-time', { type: 'string', validate: isStorableDateTime })
}
