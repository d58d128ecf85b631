// Shared bench plumbing: child-process servers, autocannon runs, and printing.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'

export interface Load {
  rps: number
  p50: number
  p99: number
  errors: number
  non2xx: number
  statusCodes: Record<string, number>
}

export async function startChild(script: string, env: Record<string, string>): Promise<{ port: number; child: ChildProcess; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL(script, import.meta.url)), [], {
    env: { ...process.env, ...env },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port))
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
  })
  return {
    port,
    child,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    }),
  }
}

export async function load(opts: autocannon.Options): Promise<Load> {
  const result = await autocannon({ connections: 32, ...(opts.amount ? {} : { duration: 8 }), ...opts })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count])),
  }
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })

export function table(rows: Array<Record<string, string | number>>): void {
  console.table(rows)
}
