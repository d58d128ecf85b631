// Reading, proving and verifying the audit trail. Proofs are computed from the stored leaf
// hashes; verification rebuilds every leaf from its event row, the tree from those leaves,
// and compares each signed checkpoint with the root of the same prefix, so an edited,
// deleted, inserted or reordered row (with or without recomputed hashes) is found.
import { auditLeafHash, EVENT_COLUMNS, toRecord, type EventRow } from '../audit/leaf.js'
import type { AuditLogKey } from '../audit/log-key.js'
import { checkpointTime, consistencyProof, Frontier, inclusionProof, MerkleError, openCheckpoint, sameHash, type NoteVerifierKey } from '../audit/merkle/index.js'
import { allCheckpoints, latestCheckpoint, leafHashes, leavesWithEvents, type StoredCheckpoint } from '../audit/tree-store.js'
import { notFound, unprocessable } from '../domain/errors.js'
import { isUuid } from '../domain/ids.js'
import type { Database } from '../store/database.js'

const BATCH = 2000

export interface AuditFilter {
  promotionId?: string
  model?: string
  actor?: string
  action?: string
  from?: string
  to?: string
  limit: number
  after?: string
}

export interface AuditVerdict {
  valid: boolean
  events: number
  treeSize: number
  pending: number
  brokenAt?: string
  reason?: string
}

const b64 = (b: Buffer) => b.toString('base64')

export function createAuditService(deps: { db: Database; key: AuditLogKey }) {
  const { pool } = deps.db
  const verifier = async (): Promise<NoteVerifierKey> => deps.key.signer()

  async function signedSize(): Promise<StoredCheckpoint> {
    const latest = await latestCheckpoint(pool)
    if (!latest) throw notFound('no audit checkpoint has been signed yet')
    return latest
  }

  async function treeLeaves(size: number): Promise<Buffer[]> {
    const leaves = await leafHashes(pool, size)
    if (leaves.length !== size) throw new Error(`the audit tree holds ${leaves.length} of the ${size} leaves its checkpoint covers`)
    return leaves
  }

  return {
    async list(f: AuditFilter) {
      if (f.promotionId && !isUuid(f.promotionId)) return { items: [], nextCursor: null }
      if (f.after && !/^\d{1,18}$/.test(f.after)) throw unprocessable('cursor is not one this service issued')
      const where: string[] = []
      const args: unknown[] = []
      const add = (sql: string, v: unknown) => {
        args.push(v)
        where.push(sql.replace('?', `$${args.length}`))
      }
      if (f.promotionId) add('e.promotion_id = ?::uuid', f.promotionId)
      if (f.model) add('e.model = ?', f.model)
      if (f.actor) add('e.actor = ?', f.actor)
      if (f.action) add('e.action = ?', f.action)
      if (f.from) add('e.at >= ?::timestamptz', f.from)
      if (f.to) add('e.at < ?::timestamptz', f.to)
      if (f.after) add('e.seq > ?::bigint', f.after)
      args.push(f.limit + 1)
      const { rows } = await pool.query<EventRow & { leaf_index: string | null }>(
        `SELECT ${EVENT_COLUMNS}, l.leaf_index::text AS leaf_index FROM audit_events e LEFT JOIN audit_leaves l ON l.seq = e.seq
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.seq ASC LIMIT $${args.length}`,
        args,
      )
      const page = rows.slice(0, f.limit).map((r) => ({ ...toRecord(r), leafIndex: r.leaf_index }))
      return { items: page, nextCursor: rows.length > f.limit ? page[page.length - 1]!.seq : null }
    },

    async checkpoint() {
      const latest = await signedSize()
      const verifierKey = await deps.key.verifierKey()
      // Served as stored even when it does not verify: the verifier is the one to judge, and
      // hiding a broken checkpoint would hide the tampering.
      try {
        const cp = openCheckpoint(latest.note, await verifier(), deps.key.origin)
        return { checkpoint: latest.note, origin: cp.origin, treeSize: cp.size, rootHash: b64(cp.root), time: checkpointTime(cp), verifierKey, signatureValid: true }
      } catch (error) {
        if (!(error instanceof MerkleError)) throw error
        return { checkpoint: latest.note, origin: deps.key.origin, treeSize: latest.treeSize, rootHash: b64(latest.root), time: null, verifierKey, signatureValid: false }
      }
    },

    async inclusion(q: { index?: number; seq?: string; treeSize?: number }) {
      const latest = await signedSize()
      const treeSize = q.treeSize ?? latest.treeSize
      if (treeSize > latest.treeSize) throw unprocessable(`treeSize ${treeSize} is beyond the latest signed checkpoint (${latest.treeSize})`)
      let index = q.index
      if (q.seq !== undefined) {
        const { rows } = await pool.query<{ leaf_index: string }>('SELECT leaf_index::text FROM audit_leaves WHERE seq = $1::bigint', [q.seq])
        if (!rows[0]) throw notFound(`audit event ${q.seq} is not in the tree (it does not exist, or is not integrated yet)`)
        index = Number(rows[0].leaf_index)
      }
      if (index === undefined) throw unprocessable('give index or seq')
      if (index >= treeSize) throw unprocessable(`leaf ${index} is not in a tree of ${treeSize} entries`)
      const leaves = await treeLeaves(treeSize)
      const { rows } = await pool.query<{ seq: string }>('SELECT seq::text FROM audit_leaves WHERE leaf_index = $1::bigint', [index])
      return { leafIndex: index, seq: rows[0]!.seq, treeSize, leafHash: b64(leaves[index]!), hashes: inclusionProof(leaves, index, treeSize).map(b64) }
    },

    async consistency(q: { from: number; to?: number }) {
      const latest = await signedSize()
      const to = q.to ?? latest.treeSize
      if (to > latest.treeSize) throw unprocessable(`to ${to} is beyond the latest signed checkpoint (${latest.treeSize})`)
      if (q.from > to) throw unprocessable(`from ${q.from} is larger than to ${to}`)
      return { from: q.from, to, hashes: consistencyProof(await treeLeaves(to), q.from, to).map(b64) }
    },

    async verify(): Promise<AuditVerdict> {
      const key = await verifier()
      const checkpoints = await allCheckpoints(pool)
      const treeSize = checkpoints.at(-1)?.treeSize ?? 0
      const pending = Number((await pool.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_leaves l WHERE l.seq = e.seq)')).rows[0]!.n)
      const broken = (events: number, brokenAt: string, reason: string): AuditVerdict => ({ valid: false, events, treeSize, pending, brokenAt, reason })

      for (const cp of checkpoints) {
        try {
          const opened = openCheckpoint(cp.note, key, deps.key.origin)
          if (opened.size !== cp.treeSize || !sameHash(opened.root, cp.root)) return broken(0, `checkpoint ${cp.treeSize}`, 'a checkpoint row does not match its own signed note')
        } catch (error) {
          if (error instanceof MerkleError) return broken(0, `checkpoint ${cp.treeSize}`, `a stored checkpoint is not signed by this service: ${error.message}`)
          throw error
        }
      }

      const frontier = new Frontier()
      let next = 0
      let signedUpTo = 0
      let firstSeqSince = ''
      for (;;) {
        const leaves = await leavesWithEvents(pool, frontier.size, BATCH)
        if (leaves.length === 0) break
        for (const leaf of leaves) {
          if (leaf.leafIndex !== frontier.size) return broken(frontier.size, leaf.seq, `tree position ${frontier.size} is missing (leaf rows were removed)`)
          if (!leaf.event) return broken(frontier.size, leaf.seq, `the event at tree position ${leaf.leafIndex} was deleted`)
          const hash = auditLeafHash(leaf.event)
          if (!sameHash(hash, leaf.leafHash)) return broken(frontier.size, leaf.seq, `row content does not match its leaf hash (the row was edited) at tree position ${leaf.leafIndex}`)
          if (frontier.size === signedUpTo) firstSeqSince = leaf.seq
          frontier.append(hash)
          while (next < checkpoints.length && checkpoints[next]!.treeSize === frontier.size) {
            if (!sameHash(frontier.root(), checkpoints[next]!.root)) {
              return broken(frontier.size, firstSeqSince, `the events at tree positions ${signedUpTo}..${frontier.size - 1} do not give the root signed for ${frontier.size} entries (rows were rewritten, with their hashes)`)
            }
            signedUpTo = frontier.size
            next++
          }
        }
      }
      if (frontier.size < treeSize) return broken(frontier.size, `position ${frontier.size}`, `the signed checkpoint covers ${treeSize} entries but the tree holds ${frontier.size} (rows were removed from the end)`)
      if (next < checkpoints.length) return broken(frontier.size, `checkpoint ${checkpoints[next]!.treeSize}`, 'a checkpoint size falls outside the tree')
      if (frontier.size > treeSize) return broken(frontier.size, `position ${treeSize}`, `the tree holds ${frontier.size} leaves beyond the latest signed checkpoint (${treeSize})`)
      // A row slipped in below the integrator's resume point can never be integrated: it was
      // inserted into the past.
      const { rows } = await pool.query<{ seq: string }>(
        `SELECT e.seq::text FROM audit_events e, (SELECT xact, seq FROM audit_leaves ORDER BY leaf_index DESC LIMIT 1) last
         WHERE (e.xact, e.seq) <= (last.xact, last.seq) AND NOT EXISTS (SELECT 1 FROM audit_leaves l WHERE l.seq = e.seq) ORDER BY e.seq LIMIT 1`,
      )
      if (rows[0]) return broken(frontier.size, rows[0].seq, 'an event row sits among integrated rows without a tree position (it was inserted afterwards)')
      return { valid: true, events: frontier.size, treeSize, pending }
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
