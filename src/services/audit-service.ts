// Reading and verifying the audit trail. Verification walks the whole chain in sequence
// order in bounded batches, then checks that its end is the recorded head, so an edited,
// deleted, inserted or reordered row anywhere (the last ones included) is found.
import { verifyChain, GENESIS_HASH, type StoredAuditRow } from '../audit/chain.js'
import { unprocessable } from '../domain/errors.js'
import type { Database } from '../store/database.js'
import { isUuid } from '../domain/ids.js'

const BATCH = 2000

interface Row {
  seq: string
  at: Date
  actor: string
  action: string
  promotion_id: string | null
  model: string | null
  data: unknown
  prev_hash: string
  hash: string
}

const toStored = (r: Row): StoredAuditRow => ({
  seq: String(r.seq),
  at: r.at.toISOString(),
  actor: r.actor,
  action: r.action,
  promotionId: r.promotion_id,
  model: r.model,
  data: r.data,
  prevHash: r.prev_hash,
  hash: r.hash,
})

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

export function createAuditService(deps: { db: Database }) {
  const { pool } = deps.db
  return {
    async list(f: AuditFilter) {
      if (f.promotionId && !isUuid(f.promotionId)) return { items: [], nextCursor: null }
      if (f.after && !/^\d+$/.test(f.after)) throw unprocessable('cursor is not one this service issued')
      const where: string[] = []
      const args: unknown[] = []
      const add = (sql: string, v: unknown) => {
        args.push(v)
        where.push(sql.replace('?', `$${args.length}`))
      }
      if (f.promotionId) add('promotion_id = ?::uuid', f.promotionId)
      if (f.model) add('model = ?', f.model)
      if (f.actor) add('actor = ?', f.actor)
      if (f.action) add('action = ?', f.action)
      if (f.from) add('at >= ?::timestamptz', f.from)
      if (f.to) add('at < ?::timestamptz', f.to)
      if (f.after) add('seq > ?::bigint', f.after)
      args.push(f.limit + 1)
      const { rows } = await pool.query<Row>(
        `SELECT seq::text, at, actor, action, promotion_id, model, data, prev_hash, hash FROM audit_events
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY audit_events.seq ASC LIMIT $${args.length}`,
        args,
      )
      const page = rows.slice(0, f.limit).map(toStored)
      return { items: page, nextCursor: rows.length > f.limit ? page[page.length - 1]!.seq : null }
    },

    async verify(): Promise<{ valid: boolean; events: number; brokenAt?: string; reason?: string }> {
      let prev = GENESIS_HASH
      let events = 0
      let after = '0'
      for (;;) {
        const { rows } = await pool.query<Row>(
          'SELECT seq::text, at, actor, action, promotion_id, model, data, prev_hash, hash FROM audit_events WHERE seq > $1::bigint ORDER BY audit_events.seq ASC LIMIT $2',
          [after, BATCH],
        )
        if (rows.length === 0) break
        const verdict = verifyChain(rows.map(toStored), prev)
        if (!verdict.valid) return { valid: false, events: events + verdict.events, brokenAt: verdict.brokenAt, reason: verdict.reason }
        events += verdict.events
        prev = verdict.lastHash
        after = rows[rows.length - 1]!.seq
      }
      const head = (await pool.query<{ seq: string; hash: string }>('SELECT seq::text, hash FROM audit_head WHERE id = 1')).rows[0]
      if (head ? head.hash !== prev : events > 0) {
        return { valid: false, events, brokenAt: head?.seq ?? 'head', reason: 'the chain does not end at the recorded head (rows were removed from the end, or the head was altered)' }
      }
      return { valid: true, events }
    },
  }
}

export type AuditService = ReturnType<typeof createAuditService>
