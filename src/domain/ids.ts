// Identifiers and list cursors shared by the services.
import { unprocessable } from './errors.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Ids are UUIDs; anything else is simply not found (and never reaches Postgres as a cast error). */
export const isUuid = (id: string) => UUID.test(id)

/** Keyset pagination, newest first: the cursor is the (createdAt, id) of the last row seen. */
export const encodeCursor = (createdAt: Date, id: string) => Buffer.from(`${createdAt.toISOString()}|${id}`).toString('base64url')

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split('|')
  const createdAt = new Date(at ?? '')
  if (!id || !isUuid(id) || Number.isNaN(createdAt.getTime())) throw unprocessable('cursor is not one this service issued')
  return { createdAt, id }
}

/** The Prisma condition for rows after a cursor, in (createdAt desc, id desc) order. */
export const afterCursor = (c: { createdAt: Date; id: string }) => ({ OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] })
