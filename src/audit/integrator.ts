// The one writer of the audit tree. Requests only insert event rows; this assigns them tree
// positions in batches, signs a checkpoint of the new root and publishes it.
//
// Rows commit out of seq order (a transaction may take seq 9, then commit after seq 10), so
// the integrator must never integrate past a row that may still commit. It takes only rows
// whose inserting transaction is older than the oldest transaction still open
// (pg_snapshot_xmin): every such transaction has ended, so no row can later appear among
// them. Rows are ordered by (xact, seq) and the last leaf's pair is the resume point.
//
// A transaction-scoped advisory lock lets only one integrator run at a time, whichever
// worker process the scheduler picked. Before extending the tree it checks that the stored
// leaves still give the root of the latest signed checkpoint, so it never signs a rewritten
// history.
import type { Logger } from '../logger.js'
import { emitEvent } from '../notify/outbox.js'
import type { Database, Tx } from '../store/database.js'
import { auditLeafHash, EVENT_COLUMNS, toRecord, type EventRow } from './leaf.js'
import type { AuditLogKey } from './log-key.js'
import { Frontier, openCheckpoint, sameHash, signCheckpoint } from './merkle/index.js'
import { leafHashes } from './tree-store.js'

// Any constant works; it only has to be the same for every integrator.
const INTEGRATOR_LOCK_KEY = 0x6d67617564

export interface PublishedCheckpoint {
  origin: string
  treeSize: number
  rootHash: string
  time: string | null
  checkpoint: string
}

export type IntegrationResult =
  | { status: 'integrated'; integrated: number; checkpoint: PublishedCheckpoint }
  | { status: 'idle' | 'locked' }
  | { status: 'refused'; reason: string }

export interface AuditIntegratorDeps {
  db: Database
  key: AuditLogKey
  batchSize: number
  logger: Logger
  /** Called after each checkpoint commits: the places outside the database it goes to. */
  publish?: (cp: PublishedCheckpoint) => Promise<void>
}

interface TreeState {
  size: number
  root: Buffer
  frontier: Frontier
}

export function createAuditIntegrator(deps: AuditIntegratorDeps) {
  const { prisma, pool } = deps.db
  // The frontier of the tree last signed here, so a batch costs O(batch) hashes, not O(tree).
  let known: TreeState | null = null

  async function treeAt(tx: Tx): Promise<TreeState | { refused: string }> {
    const rows = await tx.$queryRawUnsafe<{ tree_size: string; root: string; note: string }[]>(
      `SELECT tree_size::text, encode(root_hash, 'hex') AS root, note FROM audit_checkpoints ORDER BY audit_checkpoints.tree_size DESC LIMIT 1`,
    )
    const latest = rows[0]
    const size = latest ? Number(latest.tree_size) : 0
    const root = latest ? Buffer.from(latest.root, 'hex') : new Frontier().root()
    const leafCount = Number((await tx.$queryRawUnsafe<{ n: string }[]>(`SELECT coalesce(max(leaf_index) + 1, 0)::text AS n FROM audit_leaves`))[0]!.n)
    if (leafCount !== size) return { refused: `the tree holds ${leafCount} leaves but its latest signed checkpoint is for ${size}` }
    if (known && known.size === size && sameHash(known.root, root)) return known
    // Checkpoints this process signed cannot vanish or change: that is a rollback of the
    // tables (a restarted process has no such memory; the log's witnesses do).
    if (known && (size < known.size || (size === known.size && !sameHash(root, known.root)))) {
      return { refused: `the latest checkpoint (${size} entries) is behind or differs from the one this process signed (${known.size} entries)` }
    }
    if (latest) {
      try {
        const cp = openCheckpoint(latest.note, await deps.key.signer(), deps.key.origin)
        if (cp.size !== size || !sameHash(cp.root, root)) return { refused: `the stored checkpoint row for ${size} does not match its own signed note` }
      } catch (error) {
        return { refused: `the latest checkpoint is not one this service signed: ${(error as Error).message}` }
      }
    }
    const frontier = new Frontier()
    for (const h of await leafHashes(pool, size)) {
      frontier.append(h)
      // Another integrator signed since: its tree must still extend the one signed here.
      if (known && frontier.size === known.size && !sameHash(frontier.root(), known.root)) {
        return { refused: `the stored tree no longer extends the ${known.size} entries this process signed` }
      }
    }
    if (frontier.size !== size || !sameHash(frontier.root(), root)) {
      return { refused: `the stored leaves no longer give the root of the signed checkpoint for ${size} entries` }
    }
    return { size, root, frontier }
  }

  async function integrateBatch(): Promise<IntegrationResult> {
    const signer = await deps.key.signer()
    const outcome = await prisma.$transaction(async (tx): Promise<IntegrationResult & { state?: TreeState }> => {
      const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${INTEGRATOR_LOCK_KEY}) AS locked`)
      if (!lock?.locked) return { status: 'locked' }
      const state = await treeAt(tx)
      if ('refused' in state) return { status: 'refused', reason: state.refused }
      const [last] = await tx.$queryRawUnsafe<{ xact: string; seq: string }[]>(`SELECT xact::text, seq::text FROM audit_leaves ORDER BY leaf_index DESC LIMIT 1`)
      const events = await tx.$queryRawUnsafe<(EventRow & { xact: string })[]>(
        `SELECT ${EVENT_COLUMNS}, e.xact::text AS xact FROM audit_events e
         WHERE (e.xact, e.seq) > ($1::bigint, $2::bigint)
           AND e.xact < (pg_snapshot_xmin(pg_current_snapshot())::text)::bigint
         ORDER BY e.xact, e.seq LIMIT ${deps.batchSize}`,
        last?.xact ?? '-1', last?.seq ?? '-1',
      )
      if (events.length === 0) return { status: 'idle', state }
      const frontier = state.frontier.clone()
      const args: unknown[] = []
      const values = events.map((e, i) => {
        const hash = auditLeafHash(toRecord(e))
        frontier.append(hash)
        args.push(String(state.size + i), e.seq, e.xact, hash.toString('hex'))
        const p = i * 4
        return `($${p + 1}::bigint, $${p + 2}::bigint, $${p + 3}::bigint, decode($${p + 4}, 'hex'))`
      })
      await tx.$executeRawUnsafe(`INSERT INTO audit_leaves (leaf_index, seq, xact, leaf_hash) VALUES ${values.join(', ')}`, ...args)
      const root = frontier.root()
      const time = new Date().toISOString()
      const note = signCheckpoint({ origin: deps.key.origin, size: frontier.size, root, extensions: [`time ${time}`] }, signer)
      await tx.$executeRawUnsafe(`INSERT INTO audit_checkpoints (tree_size, root_hash, note) VALUES ($1::bigint, decode($2, 'hex'), $3)`, String(frontier.size), root.toString('hex'), note)
      const checkpoint: PublishedCheckpoint = { origin: deps.key.origin, treeSize: frontier.size, rootHash: root.toString('base64'), time, checkpoint: note }
      await emitEvent(tx, 'audit.checkpoint', { ...checkpoint })
      return { status: 'integrated', integrated: events.length, checkpoint, state: { size: frontier.size, root, frontier } }
    })
    if (outcome.state) known = outcome.state
    const { state: _state, ...result } = outcome
    return result
  }

  return {
    /**
     * Integrates everything that may be integrated now, one signed checkpoint per batch, and
     * publishes each checkpoint once it has committed.
     */
    async integrate(maxBatches = 100): Promise<IntegrationResult[]> {
      const results: IntegrationResult[] = []
      for (let i = 0; i < maxBatches; i++) {
        const r = await integrateBatch()
        results.push(r)
        if (r.status === 'refused') deps.logger.error({ reason: r.reason }, 'audit integration refused: the stored audit tree does not match what this service signed')
        if (r.status !== 'integrated') break
        deps.logger.info({ origin: r.checkpoint.origin, treeSize: r.checkpoint.treeSize, rootHash: r.checkpoint.rootHash, checkpoint: r.checkpoint.checkpoint }, 'audit checkpoint')
        await deps.publish?.(r.checkpoint).catch((err: unknown) => deps.logger.error({ err, treeSize: r.checkpoint.treeSize }, 'publishing an audit checkpoint failed'))
        if (r.integrated < deps.batchSize) break
      }
      return results
    },
  }
}

export type AuditIntegrator = ReturnType<typeof createAuditIntegrator>

