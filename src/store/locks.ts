// Row locks Prisma has no API for. Taken inside a transaction; released at commit.
import type { Tx } from './database.js'

export async function lockVersion(tx: Tx, id: string): Promise<{ environment: string | null } | null> {
  const rows = await tx.$queryRawUnsafe<{ environment: string | null }[]>('SELECT environment FROM model_versions WHERE id = $1::uuid FOR UPDATE', id)
  return rows[0] ?? null
}

/** Serialises work on one logical key (e.g. an idempotency key) for the transaction. */
export async function advisoryLock(tx: Tx, key: string): Promise<void> {
  await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', key)
}
