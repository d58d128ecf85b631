import { parseArgs } from 'node:util'

export interface CommonArgs {
  port: number
  host: string
  latencyMs: number | undefined
  values: Record<string, string | string[] | boolean | undefined>
}

/** Parses `--port`, `--host`, `--latency-ms` and the sample's own string options. */
export function parseServerArgs(argv: string[], own: Record<string, { multiple?: boolean }>, defaultPort: number): CommonArgs {
  const options = Object.fromEntries(Object.entries(own).map(([name, o]) => [name, { type: 'string' as const, multiple: o.multiple ?? false }]))
  const { values } = parseArgs({
    args: argv,
    options: { ...options, port: { type: 'string' }, host: { type: 'string' }, 'latency-ms': { type: 'string' }, help: { type: 'boolean' } },
    strict: true,
  })
  const port = values.port === undefined ? defaultPort : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${String(values.port)}`)
  const latency = values['latency-ms'] === undefined ? undefined : Number(values['latency-ms'])
  if (latency !== undefined && !(latency >= 0)) throw new Error('--latency-ms must be a non-negative number')
  return { port, host: typeof values.host === 'string' ? values.host : '127.0.0.1', latencyMs: latency, values }
}

/** Keeps a sample server up until Ctrl-C or a termination signal, then closes it cleanly. */
export function closeOnSignal(close: () => Promise<void>): void {
  const stop = (): void => {
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

export function runCli(main: () => Promise<void>, usage: string): void {
  if (process.argv.includes('--help')) {
    console.log(usage)
    return
  }
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    console.error(usage)
    process.exit(2)
  })
}
