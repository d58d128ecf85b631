// Runs a policy's checks for one target in this process, as the tier runner does in the
// worker: the same catalog entries, params resolved the same way, a check that throws fails
// with the reason, and every check of a tier runs even when one fails. Unlike the service,
// every tier runs even when an earlier one failed, so one local run shows everything that
// would block the promotion.
import { judgeFromParams as judgeFrom } from '../../gates/checks/shared-params.js'
import { withEvaluationRecord } from '../../gates/evaluation-record.js'
import { datasetMinimums, evaluationBudget, evaluationPolicy } from '../../domain/policy-settings.js'
import { createBudgetMeter } from '../../evaluation/budget.js'
import type { Catalog } from '../../core/check-catalog.js'
import { resolveParams } from '../../core/policy-validation.js'
import { blocksTier } from '../../domain/check-status.js'
import type { Environment } from '../../domain/environments.js'
import { buildFailureReport, type FailedCheck } from '../../domain/failure-summary.js'
import { tiersFor, type CheckPolicy, type Policy } from '../../domain/policy.js'
import { createEvaluationServices, type EndpointSpec, type EvaluationDataset, type EvaluationSettings } from '../../evaluation/services.js'
import { accuracyRun } from '../../gates/checks/accuracy-run.js'
import type { CheckContext, CheckOutcome, FailingCase, PromotionSubject } from '../../gates/check.js'
import type { TrustedKey } from '../../provenance/index.js'
import type { CheckView, GateView, PromotionView } from '../promotion.js'
import type { ScannedArtifact } from './local-inputs.js'
import { createOfflineLookups } from './offline-lookups.js'
import { offlineVerdict } from './offline-rules.js'

export interface OfflineRequest {
  model: string
  version: string
  kind: 'classifier' | 'llm'
  target: Environment
  endpoint: EndpointSpec | null
  outputFilter: { protocol: 'openai-moderation'; url: string } | null
  dataset: EvaluationDataset | null
  artifact: ScannedArtifact | null
  evidence: ReadonlyMap<string, string>
  trustedKeys: TrustedKey[]
  baselineEndpoint: EndpointSpec | null
}

export interface OfflineCheckView extends CheckView {
  cases: FailingCase[]
}

export interface OfflineResult {
  view: PromotionView & { gates: Array<GateView & { checks: OfflineCheckView[] }> }
  blocked: boolean
}


async function runOne(catalog: Catalog, policy: CheckPolicy, ctx: Omit<CheckContext, 'params'>, baseline: boolean): Promise<CheckOutcome> {
  const def = catalog.get(policy.id)
  if (!def) return { status: 'failed', measured: null, threshold: null, details: { error: 'unknown check' }, summary: `the policy names a check "${policy.id}" this version of modelgate does not know`, remedy: 'fix the policy' }
  const offline = offlineVerdict(def, { baseline })
  if (offline) return offline
  if (def.runner !== 'worker') return { status: 'failed', measured: null, threshold: null, details: { error: 'not a measured check' }, summary: `${policy.id} is not a measured check`, remedy: 'fix the policy' }
  const params = resolveParams(def, policy.params)
  if (!params.ok) return { status: 'failed', measured: null, threshold: null, details: { error: 'invalid params', problems: params.problems }, summary: `the policy's params for ${policy.id} are invalid: ${params.problems.join('; ')}`, remedy: 'fix the policy' }
  const evaluation = ctx.evaluation.scoped()
  try {
    return withEvaluationRecord(await def.run({ ...ctx, evaluation, params: params.params }), evaluation)
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return { status: 'failed', measured: null, threshold: null, details: { error: message }, summary: `the check could not run: ${message}`, remedy: 'see details.error; nothing was measured' }
  }
}

export async function runOffline(catalog: Catalog, policy: Policy, req: OfflineRequest, settings: EvaluationSettings): Promise<OfflineResult> {
  const tiers = tiersFor(policy, req.target)
  const allParams = tiers.flatMap((t) => t.checks.map((c) => c.params))
  // The policy's evaluation budget applies offline too, to the whole run.
  const budget = createBudgetMeter({ limits: evaluationBudget(policy), startedAt: Date.now() })
  const evaluationFor = (endpoint: EndpointSpec | null) => createEvaluationServices({
    modelKind: req.kind,
    endpoint,
    outputFilter: req.outputFilter,
    datasetName: req.dataset?.name,
    loadDataset: async (name) => (req.dataset?.name === name ? req.dataset : null),
    // The policy's minimums apply offline too: a pre-push run judges on what the gate would.
    datasetMinimums: datasetMinimums(policy),
    settings,
    judge: judgeFrom(allParams),
    // Offline, nothing is kept between runs: every answer is asked.
    generation: evaluationPolicy(policy),
    budget,
  })
  const evaluation = evaluationFor(req.endpoint)
  const baselineEndpoint = req.baselineEndpoint
  const lookups = createOfflineLookups({
    artifact: req.artifact,
    trustedKeys: req.trustedKeys,
    ...(baselineEndpoint && {
      baseline: {
        label: `the baseline endpoint ${baselineEndpoint.url}`,
        // The same dataset, so the same digest: the comparison is like for like by construction.
        outcomes: async () => Object.fromEntries((await accuracyRun(evaluationFor(baselineEndpoint))).outcomes),
      },
    }),
  })
  const promotion: PromotionSubject = {
    id: 'offline',
    model: { name: req.model, kind: req.kind, owner: 'offline', userFacing: false, handlesPii: false, financialImpact: false },
    version: req.version,
    targetEnvironment: req.target,
    requestedBy: 'offline',
    endpoint: req.endpoint,
    evaluation: req.dataset ? { dataset: req.dataset.name } : null,
    outputFilter: req.outputFilter,
    artifact: req.artifact ? { uri: req.artifact.filename, digest: `sha256:${req.artifact.sha256}` } : null,
  }
  const signal = new AbortController().signal
  const gates: OfflineResult['view']['gates'] = []
  const summaries: string[] = []
  for (const tier of tiers) {
    const outcomes = await Promise.all(tier.checks.map((c) => runOne(catalog, c, { promotion, lookups, evaluation, evidence: req.evidence, signal }, baselineEndpoint !== null)))
    const checks: OfflineCheckView[] = tier.checks.map((c, i) => {
      const o = outcomes[i]!
      return { id: c.id, status: o.status, summary: o.summary, remedy: o.remedy ?? null, measured: o.measured ?? null, threshold: o.threshold ?? null, severity: c.severity, details: o.details, cases: o.cases ?? [] }
    })
    const failures: FailedCheck[] = checks
      .filter((c) => blocksTier(c.status, c.details))
      .map((c) => ({ id: c.id, tier: tier.tier, severity: c.severity as FailedCheck['severity'], summary: c.summary ?? c.status, measured: c.measured, threshold: c.threshold, remedy: c.remedy, status: c.status }))
    const allNotApplicable = checks.every((c) => c.status === 'not_applicable')
    gates.push({ tier: tier.tier, status: failures.length > 0 ? 'failed' : allNotApplicable ? 'not_applicable' : 'passed', checks })
    if (failures.length > 0) summaries.push(buildFailureReport({ model: req.model, version: req.version, target: req.target, tier: tier.tier }, failures).summary)
  }
  const blocked = summaries.length > 0
  return {
    blocked,
    view: {
      id: 'offline',
      model: req.model,
      version: req.version,
      targetEnvironment: req.target,
      status: blocked ? 'blocked' : 'passed',
      riskLevel: null,
      requiredApprovals: [],
      gates,
      failureSummary: blocked ? summaries.join('\n\n') : null,
      deadline: null,
      createdAt: new Date().toISOString(),
      decidedAt: new Date().toISOString(),
    },
  }
}
