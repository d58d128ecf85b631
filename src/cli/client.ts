// A small HTTP client for the modelgate API. Problem+json errors become one readable line;
// requests that are safe to repeat (reads, and writes carrying an Idempotency-Key) are retried
// on connection errors, 429 and 5xx with backoff, honouring Retry-After.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { CliError } from './exit-codes.js'

export interface ClientOptions {
  url: string
  token?: string
  /** Attempts for retryable requests (1 = no retry). */
  attempts?: number
  backoffMs?: number
  timeoutMs?: number
}

export interface ApiResponse<T> {
  status: number
  body: T
  headers: Headers
}

export class ApiError extends CliError {
  constructor(readonly status: number, readonly problem: { title?: string; detail?: string; type?: string } | undefined, method: string, path: string) {
    super(`${method} ${path}: ${status} ${problem?.title ?? ''}${problem?.detail ? ` — ${problem.detail}` : ''}`.trim())
  }
}

const RETRYABLE = new Set([429, 502, 503, 504])

export function createClient(opts: ClientOptions) {
  const base = opts.url.replace(/\/+$/, '')
  const attempts = opts.attempts ?? 4
  const backoffMs = opts.backoffMs ?? 500

  async function request<T>(method: string, path: string, init: { body?: unknown; raw?: Uint8Array; file?: string; headers?: Record<string, string>; retry?: boolean; accept?: number[] } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...init.headers }
    if (opts.token) headers.authorization = `Bearer ${opts.token}`
    let body: string | Uint8Array | undefined
    if (init.file) {
      headers['content-type'] ??= 'application/octet-stream'
    } else if (init.raw) {
      body = init.raw
      headers['content-type'] ??= 'application/octet-stream'
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers['content-type'] = 'application/json'
    }
    const retry = init.retry ?? method === 'GET'
    let lastError: unknown
    for (let attempt = 1; attempt <= (retry ? attempts : 1); attempt++) {
      let res: Response
      try {
        // A file is streamed, and opened afresh for each attempt, so a model of any size uploads
        // without being held in memory.
        const payload = init.file ? (Readable.toWeb(createReadStream(init.file)) as ReadableStream) : body
        res = await fetch(`${base}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(init.file ? 3_600_000 : (opts.timeoutMs ?? 30_000)), ...(init.file ? { duplex: 'half' } : {}) } as RequestInit)
      } catch (err) {
        lastError = new CliError(`${method} ${path}: cannot reach ${base} (${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message})`)
        if (attempt < attempts && retry) await sleep(backoffMs * 2 ** (attempt - 1))
        continue
      }
      const text = await res.text()
      const parsed = text === '' ? undefined : safeJson(text)
      if (res.ok || init.accept?.includes(res.status)) return { status: res.status, body: parsed as T, headers: res.headers }
      lastError = new ApiError(res.status, parsed as ApiError['problem'], method, path)
      if (!retry || !(RETRYABLE.has(res.status) || res.status >= 500) || attempt === attempts) break
      const after = Number(res.headers.get('retry-after'))
      await sleep(Number.isFinite(after) && after > 0 ? Math.min(after * 1000, 30_000) : backoffMs * 2 ** (attempt - 1))
    }
    throw lastError
  }

  return {
    get: <T>(path: string, accept?: number[]) => request<T>('GET', path, { accept }),
    post: <T>(path: string, body: unknown, init: { headers?: Record<string, string>; retry?: boolean } = {}) => request<T>('POST', path, { body, ...init }),
    putFile: <T>(path: string, file: string, init: { retry?: boolean } = {}) => request<T>('PUT', path, { file, ...init }),
  }
}

export type Client = ReturnType<typeof createClient>

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return { detail: text.slice(0, 200) }
  }
}
