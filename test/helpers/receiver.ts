// A real HTTP webhook receiver for tests: it records what arrives and can be told to fail.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  headers: http.IncomingHttpHeaders
  body: string
  at: number
}

export async function startReceiver(opts: { failFirst?: number; status?: number } = {}) {
  const received: Received[] = []
  let failuresLeft = opts.failFirst ?? 0
  const server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      received.push({ headers: req.headers, body, at: Date.now() })
      if (failuresLeft > 0) {
        failuresLeft--
        res.writeHead(opts.status ?? 503).end('try later')
        return
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
    })
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}
