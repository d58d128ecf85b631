// Identifiers and list cursors shared by the services.
import { badRequest } from './errors.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids are UUIDs; anything else is simply not found (and never reaches Postgres as a cast error). */
export const isUuid = (id: string) => UUID.test(id)

/** Keyset pagination, newest first: the cursor is the (createdAt, id) of the last row seen. */
export const encodeCursor = (createdAt: Date, id: string) => Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url')

/** A Date Postgres' timestamptz holds and that prints as a four-digit-year ISO string. */
export const isStorableDate = (d: Date) => !Number.isNaN(d.getTime()) && d.getUTCFullYear() >= 1 && d.getUTCFullYear() <= 9999

/** A malformed cursor, or one whose date Postgres cannot hold, is a 400 before any query runs. */
export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const createdAt = new Date(at ?? '')
  if (!id || !isUuid(id) || !isStorableDate(createdAt)) throw badRequest('cursor is not one this service issued')
  return { createdAt, id }
}

/** Sequence cursors are bigint row numbers: at most 18 digits always fit a Postgres bigint. */
export const SEQ_CURSOR_PATTERN = '^[0-9]{1,18}$'

/** The Prisma condition for rows after a cursor, in (createdAt desc, id desc) order. */
export const afterCursor = (c: { createdAt: Date; id: string }) => ({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] })
