// modelgate evaluate: the gates of a policy run in this process against a model endpoint and
// local evidence files, with no service, database or queue. Same checks, thresholds, report
// and exit codes as `promote --wait` (0 every applicable check passed, 1 blocked, 3 usage or
// an unreadable file). Every tier runs, even after one failed, so one local run lists all
// that would block the promotion; the service stops at the first failing tier.
import { CATALOG } from '../../core/check-catalog.js'
import type { Environment } from '../../domain/environments.js'
import type { EndpointSpec } from '../../evaluation/services.js'
import { EXIT } from '../exit-codes.js'
import { readDataset, readEvidence, readPolicy, readTrustedKeys, scanArtifactFile } from '../evaluate/local-inputs.js'
import { runOffline, type OfflineResult } from '../evaluate/run-offline.js'
import { writeReports, type ReportOptions } from './reports.js'

export interface EvaluateOptions extends ReportOptions {
  kind: 'classifier' | 'llm'
  model: string
  version: string
  target: Environment
  endpointUrl?: string
  endpointProtocol?: EndpointSpec['protocol']
  endpointModel?: string
  dataset?: string
  outputFilter?: string
  artifact?: string
  unitTests?: string
  integrationTests?: string
  vulnerabilityReport?: string[]
  modelCard?: string
  provenance?: string
  policy?: string
  baselineEndpoint?: string
  trustedKey?: string[]
  json?: boolean
  concurrency: number
  timeout: number
}

/** How many failing cases are printed per failed check; --json carries all that were kept. */
const CASES_SHOWN = 5

/** One case of each category before a second of any, so a failing category is not hidden behind another's. */
function sampleCases<T extends { category: string }>(cases: T[], n: number): T[] {
  const byCategory = new Map<string, T[]>()
  for (const c of cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c])
  const out: T[] = []
  for (let round = 0; out.length < Math.min(n, cases.length); round++) {
    for (const list of byCategory.values()) if (list[round] && out.length < n) out.push(list[round]!)
  }
  return out
}

const clip = (s: string, n = 160) => {
  const one = s.replace(/\s+/g, ' ').trim()
  return one.length > n ? `${one.slice(0, n - 1)}…` : one
}

function printResult(r: OfflineResult, policyVersion: string, print: (s: string) => void) {
  const v = r.view
  print(`${v.model}@${v.version} → ${v.targetEnvironment} (offline, policy ${policyVersion}): ${v.status}`)
  for (const g of v.gates) {
    print(`  [${g.tier}] ${g.status}`)
    for (const c of g.checks) {
      print(`    ${c.status.padEnd(14)} ${c.id}${c.summary ? ` — ${c.summary}` : ''}`)
      if (c.status !== 'failed' && c.status !== 'inconclusive') continue
      if (c.cases.length === 0) continue
      print(`      failing cases (${Math.min(CASES_SHOWN, c.cases.length)} of ${c.cases.length} kept; all with --json):`)
      for (const k of sampleCases(c.cases, CASES_SHOWN)) print(`        [${k.category}] ${clip(k.input)} → ${clip(k.output, 80)} (${k.verdict}, ${k.detector})`)
    }
  }
  if (v.failureSummary) print(`\n${v.failureSummary}`)
}

export async function evaluateCommand(o: EvaluateOptions, io: { print: (s: string) => void }): Promise<number> {
  const protocol = o.endpointProtocol ?? (o.kind === 'llm' ? 'openai-chat' : 'mlflow-invocations')
  const endpointAt = (url: string): EndpointSpec => ({ protocol, url, ...(o.endpointModel ? { model: o.endpointModel } : {}) })
  // Every file is read (and the model file scanned) before any check runs: a local mistake
  // is exit 3, not a model that failed.
  const [policy, dataset, evidence, artifact, trustedKeys] = await Promise.all([
    readPolicy(o.policy, CATALOG),
    o.dataset ? readDataset(o.dataset) : null,
    readEvidence({ ...o, target: o.target }),
    o.artifact ? scanArtifactFile(o.artifact) : null,
    readTrustedKeys(o.trustedKey ?? []),
  ])
  const result = await runOffline(CATALOG, policy, {
    model: o.model,
    version: o.version,
    kind: o.kind,
    target: o.target,
    endpoint: o.endpointUrl ? endpointAt(o.endpointUrl) : null,
    outputFilter: o.outputFilter ? { protocol: 'openai-moderation', url: o.outputFilter } : null,
    dataset,
    artifact,
    evidence,
    trustedKeys,
    baselineEndpoint: o.baselineEndpoint ? endpointAt(o.baselineEndpoint) : null,
  }, {
    concurrency: o.concurrency,
    batchSize: 32,
    http: { timeoutMs: o.timeout * 1000, retries: 3, backoffMs: 200 },
    // Offline there is no service allowlist: the hosts named on the command line are the ones
    // that may be called (redirects elsewhere are still refused).
    allowlist: [o.endpointUrl, o.outputFilter, o.baselineEndpoint].filter((u): u is string => typeof u === 'string').flatMap((u) => {
      try {
        return [new URL(u).hostname.replace(/^\[|\]$/g, '')]
      } catch {
        return []
      }
    }),
  })
  await writeReports(result.view, o, '')
  if (o.json) io.print(JSON.stringify(result.view, null, 2))
  else printResult(result, policy.version, io.print)
  return result.blocked ? EXIT.refused : EXIT.ok
}
