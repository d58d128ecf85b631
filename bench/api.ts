// API benchmark: the status read and promotion creation against a bare node:http + pg
// baseline measured in the same run, an open-loop latency run, and 2,000 promotions driven
// to a terminal state through the real workers.
import pg from 'pg'
import { dropDatabase, ensureDatabase, runMigrations, scratchDatabaseUrl } from '../src/store/migrations/index.js'
import { fmt, load, startChild, table, type Load } from './lib.js'

// Dropped and recreated on every run: `modelgate_bench` on DATABASE_URL's server (BENCH_DATABASE_URL
// overrides it; never the service's own database).
const BASE = scratchDatabaseUrl(process.env, 'BENCH_DATABASE_URL', 'modelgate_bench')
const ADMIN = 'bench-admin-key-0123456789abcdef'
const DURATION = Number(process.env.BENCH_DURATION ?? 8)

// The card names the promoted model and version, as model_card requires.
function evidence(version: string) {
  const cases = Array.from({ length: 10 }, (_, i) => `<testcase classname="m" name="t${i}"/>`).join('')
  return {
    unitTests: `<testsuite name="unit" tests="10">${cases}</testsuite>`,
    integrationTests: `<testsuite name="integration" tests="10">${cases}</testsuite>`,
    vulnerabilityReport: { SchemaVersion: 2, Results: [{ Target: 'requirements.txt', Vulnerabilities: [] }] },
    modelCard: `---\nmodel_name: bench-model\nversion: "${version}"\nlicense: MIT\nowners: [team]\n---\n## Intended Use\nx\n## Limitations\nx\n## Training Data\nx\n## Evaluation Results\nx\n## Ethical Considerations\nx\n`,
  }
}

async function post(port: number, key: string, path: string, body: unknown) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return res.json() as Promise<Record<string, unknown>>
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
function best(runs: Load[]): Load {
  return { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((s, r) => s + r.errors, 0), non2xx: runs.reduce((s, r) => s + r.non2xx, 0), statusCodes: {} }
}

export async function benchApi(): Promise<void> {
  await dropDatabase(BASE)
  await ensureDatabase(BASE)
  await runMigrations(BASE)
  const env = { DATABASE_URL: BASE, MODELGATE_ADMIN_KEY: ADMIN, MODELGATE_RATE_LIMIT_PER_MINUTE: '100000000', MODELGATE_QUEUE_PREFIX: `bench-${Date.now()}`, MODELGATE_RECONCILE_STALE_AFTER_MS: '5000' }

  const app = await startChild('./app-server.ts', env)
  const baseline = await startChild('./baseline-server.ts', { DATABASE_URL: BASE })
  const ci = String((await post(app.port, ADMIN, '/v1/api-keys', { name: 'bench-ci', roles: ['ci'] })).key)
  await post(app.port, ADMIN, '/v1/api-keys', { name: 'bench', roles: ['model_owner'] })
  await post(app.port, ADMIN, '/v1/models', { name: 'bench-model', kind: 'classifier', owner: 'bench', riskProfile: { userFacing: false, handlesPii: false, financialImpact: false } })
  let id = ''
  for (let i = 0; i < 200; i++) id = String((await post(app.port, ci, '/v1/promotions', { model: 'bench-model', version: `0.0.${i}`, targetEnvironment: 'dev', evidence: evidence(`0.0.${i}`) })).id)

  const auth = { authorization: `Bearer ${ci}` }
  const appRead = { url: `http://127.0.0.1:${app.port}/v1/promotions/${id}`, headers: auth }
  const baseRead = { url: `http://127.0.0.1:${baseline.port}/promotions/${id}` }
  await load({ ...appRead, duration: 2 })
  await load({ ...baseRead, duration: 2 })
  // Alternate the two so drift on a noisy machine hits both alike; report the medians.
  const appRuns: Load[] = []
  const baseRuns: Load[] = []
  for (let i = 0; i < 3; i++) {
    baseRuns.push(await load({ ...baseRead, duration: DURATION }))
    appRuns.push(await load({ ...appRead, duration: DURATION }))
  }
  const a = best(appRuns)
  const b = best(baseRuns)
  // Open loop at 500 req/s on both, few connections, so autocannon's rate limiting sends small
  // bursts rather than one of 64.
  const openLoop = { duration: 10, connections: 16, overallRate: 500 }
  const baseOpen = await load({ ...baseRead, ...openLoop })
  const open = await load({ ...appRead, ...openLoop })

  // Promotion creation against the baseline inserting the same rows in one transaction.
  let n = 1_000_000
  const createOn = (port: number, path: string, headers: Record<string, string>) => ({
    url: `http://127.0.0.1:${port}${path}`,
    duration: DURATION,
    requests: [{ method: 'POST' as const, headers: { ...headers, 'content-type': 'application/json' }, setupRequest: (req: object) => { const version = `1.0.${n++}`; return { ...req, body: JSON.stringify({ model: 'bench-model', version, targetEnvironment: 'dev', evidence: evidence(version) }) } } }],
  })
  await load({ ...createOn(baseline.port, '/promotions', {}), duration: 2 })
  await load({ ...createOn(app.port, '/v1/promotions', auth), duration: 2 })
  const createRuns: Load[] = []
  const baseCreateRuns: Load[] = []
  for (let i = 0; i < 3; i++) {
    baseCreateRuns.push(await load(createOn(baseline.port, '/promotions', {})))
    createRuns.push(await load(createOn(app.port, '/v1/promotions', auth)))
  }
  const created = best(createRuns)
  const baseCreated = best(baseCreateRuns)
  await app.stop()
  await baseline.stop()

  console.log(`\nAPI against a bare node:http + pg baseline (medians of 3 runs of ${DURATION} s, 32 connections)`)
  table([
    { target: 'baseline GET /promotions/:id (pg primary-key read)', 'req/s': fmt(b.rps), 'p50 ms': b.p50, 'p99 ms': b.p99, errors: b.errors + b.non2xx },
    { target: 'modelgate GET /v1/promotions/:id', 'req/s': fmt(a.rps), 'p50 ms': a.p50, 'p99 ms': a.p99, errors: a.errors + a.non2xx },
    { target: 'baseline POST /promotions (same rows, one transaction)', 'req/s': fmt(baseCreated.rps), 'p50 ms': baseCreated.p50, 'p99 ms': baseCreated.p99, errors: baseCreated.errors + baseCreated.non2xx },
    { target: 'modelgate POST /v1/promotions', 'req/s': fmt(created.rps), 'p50 ms': created.p50, 'p99 ms': created.p99, errors: created.errors + created.non2xx },
  ])
  console.log(`read throughput ratio modelgate/baseline: ${fmt(a.rps / b.rps, 2)} (target >= 0.50)`)
  console.log(`create throughput ratio modelgate/baseline: ${fmt(created.rps / baseCreated.rps, 2)} (target >= 0.50; n = ${fmt(created.rps * DURATION)} and ${fmt(baseCreated.rps * DURATION)} requests a run)`)
  console.log(`open loop at 500 req/s for ${openLoop.duration} s: baseline achieved ${fmt(baseOpen.rps)} req/s, p50 ${baseOpen.p50} ms, p99 ${baseOpen.p99} ms; modelgate achieved ${fmt(open.rps)} req/s, p50 ${open.p50} ms, p99 ${open.p99} ms, errors ${open.errors + open.non2xx}`)
  console.log(`open-loop p99 ratio modelgate/baseline: ${fmt(open.p99 / Math.max(baseOpen.p99, 1), 2)} (target <= 3)`)

  // 2,000 promotions, created as fast as the API takes them, each run through real workers.
  const TOTAL = Number(process.env.BENCH_PROMOTIONS ?? 2000)
  if (TOTAL === 0) {
    await dropDatabase(BASE)
    return
  }
  const drive = await startChild('./app-server.ts', { ...env, BENCH_WORKER: '1', BENCH_LOG_LEVEL: 'error', MODELGATE_QUEUE_PREFIX: `bench-drive-${Date.now()}` })
  const pool = new pg.Pool({ connectionString: BASE, max: 2 })
  const before = (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM promotions')).rows[0]!.n
  const started = Date.now()
  let v = 0
  const burst = await load({
    url: `http://127.0.0.1:${drive.port}/v1/promotions`,
    amount: TOTAL,
    requests: [{ method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, setupRequest: (req) => { const version = `2.0.${v++}`; return { ...req, body: JSON.stringify({ model: 'bench-model', version, targetEnvironment: 'dev', evidence: evidence(version) }) } } }],
  })
  const createdIn = (Date.now() - started) / 1000
  let terminal = 0
  let accepted = 0
  const deadline = Date.now() + 10 * 60_000
  while (Date.now() < deadline) {
    const { rows } = await pool.query<{ accepted: number; terminal: number }>(
      `SELECT count(*)::int AS accepted, count(*) FILTER (WHERE status IN ('promoted','blocked','rejected','expired','cancelled'))::int AS terminal
       FROM promotions p JOIN model_versions v ON v.id = p.version_id WHERE v.version LIKE '2.0.%'`,
    )
    accepted = rows[0]!.accepted
    terminal = rows[0]!.terminal
    if (terminal === accepted && accepted >= TOTAL - burst.non2xx - burst.errors) break
    await new Promise((r) => setTimeout(r, 250))
  }
  const allIn = (Date.now() - started) / 1000
  const promoted = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM promotions p JOIN model_versions v ON v.id = p.version_id WHERE v.version LIKE '2.0.%' AND status = 'promoted'`)).rows[0]!.n
  await pool.end()
  await drive.stop()
  console.log(`\n${TOTAL} promotions through real workers: accepted ${accepted} (refused by the API: ${burst.non2xx + burst.errors}, status codes ${JSON.stringify(burst.statusCodes)}) in ${fmt(createdIn, 1)} s; ${terminal} terminal (${promoted} promoted) after ${fmt(allIn, 1)} s; lost ${accepted - terminal} (target 0); table held ${before} before`)
  await dropDatabase(BASE)
}
