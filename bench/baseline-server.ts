// The baseline the API is measured against: a bare node:http server with pg, no framework,
// no auth, no validation. GET /promotions/:id is the same primary-key read; POST /promotions
// inserts the same rows a promotion request does (version, promotion with its policy,
// evidence, the webhook subscriptions looked up, the audit event) in one transaction.
import { createHash } from 'node:crypto'
import http from 'node:http'
import pg from 'pg'

// The same pool settings as the service's (src/store/database.ts), so neither side pays for
// reconnecting after the other's turn.
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20, idleTimeoutMillis: 300_000 })
let policy: Promise<{ version: string; policy: string }> | undefined
// The policy the service stores with each promotion, so the row is the same size.
const currentPolicy = () => (policy ??= pool.query<{ policy_version: string; policy: unknown }>('SELECT policy_version, policy FROM promotions ORDER BY created_at DESC LIMIT 1').then(({ rows }) => ({ version: rows[0]?.policy_version ?? 'baseline', policy: JSON.stringify(rows[0]?.policy ?? {}) })))

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

async function createPromotion(body: { model: string; version: string; targetEnvironment: string; evidence: Record<string, unknown> }): Promise<string> {
  const p = await currentPolicy()
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const model = (await client.query<{ id: string }>('SELECT id FROM models WHERE name = $1', [body.model])).rows[0]!
    await client.query('INSERT INTO model_versions (id, model_id, version, updated_at) VALUES (gen_random_uuid(), $1, $2, now()) ON CONFLICT DO NOTHING', [model.id, body.version])
    const version = (await client.query<{ id: string }>('SELECT id, environment FROM model_versions WHERE model_id = $1 AND version = $2', [model.id, body.version])).rows[0]!
    const promotion = (await client.query<{ id: string }>(
      `INSERT INTO promotions (id, model_id, version_id, target_environment, status, requested_by, active_key, policy_version, policy, current_tier, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'queued', 'baseline', $4, $5, $6::jsonb, 'evidence', now()) RETURNING id`,
      [model.id, version.id, body.targetEnvironment, `${version.id}/${body.targetEnvironment}`, p.version, p.policy],
    )).rows[0]!
    const evidence = Object.entries(body.evidence).map(([kind, v]) => {
      const content = typeof v === 'string' ? v : JSON.stringify(v)
      return [kind, content, `sha256:${createHash('sha256').update(content).digest('hex')}`, Buffer.byteLength(content)] as const
    })
    const values = evidence.map((_, i) => `(gen_random_uuid(), $1, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4}, $${i * 4 + 5})`)
    await client.query(`INSERT INTO evidence (id, promotion_id, kind, content, digest, size) VALUES ${values.join(', ')}`, [promotion.id, ...evidence.flat()])
    await client.query(`SELECT id FROM webhooks WHERE active AND 'promotion.created' = ANY(events)`)
    await client.query(
      `INSERT INTO audit_events (at, actor, action, promotion_id, model, data) VALUES (now(), 'baseline', 'promotion.created', $1, $2, $3::jsonb)`,
      [promotion.id, body.model, JSON.stringify({ version: body.version, to: body.targetEnvironment, evidence: evidence.map(([kind, , digest]) => ({ kind, digest })) })],
    )
    await client.query('COMMIT')
    return promotion.id
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

const server = http.createServer(async (req, res) => {
  try {
    if (req.method === 'POST') {
      const id = await createPromotion(JSON.parse(await readBody(req)))
      res.writeHead(202, { 'content-type': 'application/json' }).end(JSON.stringify({ id }))
      return
    }
    const id = req.url?.split('/').pop() ?? ''
    const { rows } = await pool.query('SELECT * FROM promotions WHERE id = $1::uuid', [id])
    if (!rows[0]) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows[0]))
  } catch {
    res.writeHead(500).end()
  }
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 })
})
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))))
