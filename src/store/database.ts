// One pg pool per process, shared by Prisma (through its pg adapter) and by the few hot
// read paths that build their JSON in a single SQL statement.
import pg from 'pg'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaClient } from '../generated/prisma/client.js'

export type Db = PrismaClient
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>

export interface Database {
  prisma: PrismaClient
  pool: pg.Pool
  close(): Promise<void>
}

// Postgres bigint (int8) counts come back as strings by default; the counts we read fit. Set on
// this pool only: a process-wide parser would change what every other pg client in the process
// reads (the migration tooling reads sequence bounds beyond 2^53).
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

/** Matches MODELGATE_DB_POOL_IDLE_SECONDS' default. */
const DEFAULT_IDLE_MS = 300_000

export function createDatabase(connectionString: string, opts: { max?: number; idleMs?: number; onIdleError?: (err: Error) => void } = {}): Database {
  // A request waits at most this long for a connection; then the service is saturated and
  // answers 503 with Retry-After rather than queueing without bound.
  // Unused connections are kept for minutes, not pg's default 10 s: a new Postgres backend costs
  // a fork, authentication and cold catalog caches, and after every short lull the first burst
  // of requests would open a pool's worth of them at once (measured: p99 of 250-350 ms at
  // 500 req/s after a 10 s pause, against 15-30 ms with warm connections).
  const pool = new pg.Pool({ connectionString, max: opts.max ?? 20, idleTimeoutMillis: opts.idleMs ?? DEFAULT_IDLE_MS, connectionTimeoutMillis: 10_000, types: TYPES })
  // An idle connection the server ends (a restart, an administrator, a failover) is dropped
  // from the pool and replaced on the next query; unhandled, its error would end the process.
  pool.on('error', (err) => opts.onIdleError?.(err))
  // Transactions that serialise on a lock (audit appends, idempotency keys) can queue behind
  // each other under load; Prisma's 5 s default would turn that queueing into failures.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }), transactionOptions: { maxWait: 10_000, timeout: 30_000 } })
  return {
    prisma,
    pool,
    async close() {
      await prisma.$disconnect()
      await pool.end()
    },
  }
}
