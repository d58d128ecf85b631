// A transaction on a plain pg connection, for hot write paths that do their work in one or
// two SQL statements: each Prisma interactive-transaction step costs a round trip and engine
// work that such a path cannot afford.
import type pg from 'pg'

/** Every connection stayed busy for the pool's connection timeout: saturation, not a fault. */
export class PoolSaturated extends Error {
  override name = 'PoolSaturated'
}

export async function inPgTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  let client: pg.PoolClient
  try {
    client = await pool.connect()
  } catch (err) {
    // pg reports a pool wait that ran out as a plain Error with this message.
    if (err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message)) throw new PoolSaturated(err.message)
    throw err
  }
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

/** A unique constraint was violated (Postgres SQLSTATE 23505). */
export const isPgUniqueViolation = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === '23505'
