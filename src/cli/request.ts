// Builds the body of POST /v1/promotions from files on disk, and the Idempotency-Key that
// makes a CI retry safe: the same run asking for the same thing replays the same promotion,
// and a changed request (other evidence, another endpoint) is a new promotion.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { canonicalJson } from '../domain/canonical-json.js'
import { CliError } from './exit-codes.js'

export interface PromoteOptions {
  model: string
  version: string
  target: string
  endpointUrl?: string
  endpointProtocol?: string
  endpointModel?: string
  dataset?: string
  outputFilter?: string
  artifactUri?: string
  unitTests?: string
  integrationTests?: string
  vulnerabilityReport?: string[]
  modelCard?: string
  provenance?: string
}

export async function text(path: string, what: string): Promise<string> {
  try {
    const s = await readFile(path, 'utf8')
    if (s.trim() === '') throw new CliError(`${what} file ${path} is empty`)
    return s
  } catch (err) {
    if (err instanceof CliError) throw err
    throw new CliError(`cannot read the ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`)
  }
}

export async function jsonFile(path: string, what: string): Promise<unknown> {
  const s = await text(path, what)
  try {
    return JSON.parse(s)
  } catch (err) {
    throw new CliError(`the ${what} file ${path} is not JSON: ${(err as Error).message}`)
  }
}

export async function buildPromotionBody(o: PromoteOptions, artifact?: { uri: string; digest: string }): Promise<Record<string, unknown>> {
  const evidence: Record<string, unknown> = {}
  if (o.unitTests) evidence.unitTests = await text(o.unitTests, 'unit test report')
  if (o.integrationTests) evidence.integrationTests = await text(o.integrationTests, 'integration test report')
  if (o.vulnerabilityReport?.length) {
    const reports = await Promise.all(o.vulnerabilityReport.map((f) => jsonFile(f, 'vulnerability report')))
    evidence.vulnerabilityReport = reports.length === 1 ? reports[0] : reports
  }
  if (o.modelCard) evidence.modelCard = await text(o.modelCard, 'model card')
  if (o.provenance) evidence.provenance = await jsonFile(o.provenance, 'provenance')

  const body: Record<string, unknown> = { model: o.model, version: o.version, targetEnvironment: o.target }
  if (o.endpointUrl) {
    const protocol = o.endpointProtocol ?? 'mlflow-invocations'
    body.endpoint = { protocol, url: o.endpointUrl, ...(o.endpointModel ? { model: o.endpointModel } : {}) }
  }
  if (o.dataset) body.evaluation = { dataset: o.dataset }
  if (o.outputFilter) body.outputFilter = { protocol: 'openai-moderation', url: o.outputFilter }
  if (artifact) body.artifact = artifact
  if (Object.keys(evidence).length > 0) body.evidence = evidence
  return body
}

/** The CI run this invocation belongs to, from the flags or the CI system's own variables. */
export function ciRunId(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (explicit) return explicit
  if (env.GITHUB_RUN_ID) return `github:${env.GITHUB_REPOSITORY ?? ''}:${env.GITHUB_RUN_ID}`
  if (env.CI_PIPELINE_ID) return `gitlab:${env.CI_PROJECT_PATH ?? ''}:${env.CI_PIPELINE_ID}`
  if (env.BUILDKITE_BUILD_ID) return `buildkite:${env.BUILDKITE_BUILD_ID}`
  if (env.CIRCLE_WORKFLOW_ID) return `circleci:${env.CIRCLE_WORKFLOW_ID}`
  return undefined
}

/**
 * sha256 over the run id and the canonical request. Without a run id the request alone keys
 * it: re-running the very same request replays its promotion rather than starting another.
 */
export function idempotencyKey(runId: string | undefined, body: unknown): string {
  const h = createHash('sha256').update(runId ?? '').update('\n').update(canonicalJson(body)).digest('hex')
  return `modelgate-cli-${h.slice(0, 48)}`
}
