import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Live counters a test reads to see what the client under test really did. */
export interface ServerStats {
  readonly requests: number
  readonly inFlight: number
  readonly peakInFlight: number
  readonly rejected: number
  /** Inputs the model answered: one per row of a batch, one per chat completion. */
  readonly predictions: number
  reset(): void
}

export interface RunningServer {
  /** Base address, `http://host:port`. */
  readonly origin: string
  readonly stats: ServerStats
  countPredictions(n: number): void
  close(): Promise<void>
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message)
  }
}

export type JsonHandler = (req: IncomingMessage, body: unknown) => Promise<unknown> | unknown
/** Returns the handler for a request, or undefined for a 404. */
export type Router = (method: string, path: string) => JsonHandler | undefined

export interface ServeOptions {
  host?: string
  port?: number
  /** Delay before each answer, to stand in for model compute time. */
  latencyMs?: number
  /** Requests beyond this many at once get a 429, as an overloaded model server would answer. */
  maxConcurrency?: number
  maxBodyBytes?: number
  /** Shapes an error for the protocol the server speaks. */
  errorBody?: (status: number, message: string) => unknown
}

const DEFAULT_MAX_BODY = 8 * 1024 * 1024

export async function serveJson(router: Router, opts: ServeOptions = {}): Promise<RunningServer> {
  const counters = { requests: 0, inFlight: 0, peakInFlight: 0, rejected: 0, predictions: 0 }
  const errorBody = opts.errorBody ?? ((_status: number, message: string) => ({ error: { message } }))
  const sockets = new Set<import('node:net').Socket>()

  const server: Server = createServer((req, res) => {
    counters.requests++
    counters.inFlight++
    counters.peakInFlight = Math.max(counters.peakInFlight, counters.inFlight)
    res.on('close', () => {
      counters.inFlight--
    })
    if (opts.maxConcurrency !== undefined && counters.inFlight > opts.maxConcurrency) {
      counters.rejected++
      sendJson(res, 429, errorBody(429, 'too many concurrent requests'), { 'retry-after': '1' })
      return
    }
    void handle(req, res)
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const path = new URL(req.url ?? '/', 'http://local').pathname
      const handler = router(req.method ?? 'GET', path)
      if (!handler) throw new HttpError(404, `no route for ${req.method} ${path}`)
      const body = req.method === 'POST' ? await readJson(req, opts.maxBodyBytes ?? DEFAULT_MAX_BODY) : undefined
      const result = await handler(req, body)
      if (opts.latencyMs) await sleep(opts.latencyMs)
      sendJson(res, 200, result)
    } catch (err) {
      if (err instanceof HttpError) sendJson(res, err.status, err.body ?? errorBody(err.status, err.message))
      else sendJson(res, 500, errorBody(500, err instanceof Error ? err.message : String(err)))
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve())
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address

  return {
    origin: `http://${host}:${address.port}`,
    stats: {
      get requests() {
        return counters.requests
      },
      get inFlight() {
        return counters.inFlight
      },
      get peakInFlight() {
        return counters.peakInFlight
      },
      get rejected() {
        return counters.rejected
      },
      get predictions() {
        return counters.predictions
      },
      reset() {
        counters.requests = 0
        counters.peakInFlight = counters.inFlight
        counters.rejected = 0
        counters.predictions = 0
      },
    },
    countPredictions(n) {
      counters.predictions += n
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        // Keep-alive sockets would hold close() open until the client drops them.
        for (const socket of sockets) socket.destroy()
      }),
  }
}

async function readJson(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`)
    chunks.push(chunk as Buffer)
  }
  const text = Buffer.concat(chunks).toString('utf8')
  if (!text) throw new HttpError(400, 'request body is empty')
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new HttpError(400, 'request body is not valid JSON')
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return
  const payload = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers })
  res.end(payload)
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
