// The baseline the API is measured against: a bare node:http server doing the same
// primary-key read of a promotion with pg, no framework, no auth, no validation.
import http from 'node:http'
import pg from 'pg'

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 20 })
const server = http.createServer(async (req, res) => {
  const id = req.url?.split('/').pop() ?? ''
  try {
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
