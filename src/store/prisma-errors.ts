import { Prisma } from '../generated/prisma/client.js'
import { PoolSaturated } from './pg-transaction.js'

export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002'
}

/** Pool or transaction-start timeouts: the database is saturated, the request itself is fine. */
export function isOverload(err: unknown): boolean {
  if (err instanceof PoolSaturated) return true
  if (err instanceof Prisma.PrismaClientKnownRequestError && (err.code === 'P2024' || err.code === 'P2028')) return true
  // The same pool wait surfacing through Prisma's pg adapter.
  return err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message)
}
