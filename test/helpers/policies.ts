// Policies for tests about the pipeline's mechanics rather than the model: the default
// policy without the checks that call a model endpoint, so those tests need no model server,
// and without requiring an uploaded model file.
import { DEFAULT_POLICY, type Policy } from '../../src/domain/policy.js'

// data_provenance needs signed statements and trusted keys; the provenance tests use it.
const MEASURED = new Set(['accuracy_benchmark', 'bias_metrics', 'regression_test', 'adversarial_robustness', 'safety_benchmarks', 'over_refusal', 'output_filtering', 'data_provenance'])

export function evidencePolicy(opts: { keep?: string[] } = {}): Policy {
  const p = structuredClone(DEFAULT_POLICY)
  p.version = `${DEFAULT_POLICY.version}-evidence${opts.keep?.length ? `+${opts.keep.join('+')}` : ''}`
  for (const env of Object.values(p.environments)) {
    for (const tier of env.tiers) {
      tier.checks = tier.checks.filter((c) => !MEASURED.has(c.id) || opts.keep?.includes(c.id))
      for (const c of tier.checks) {
        // Pipeline tests need no model file; the artifact tests use the full policy.
        if (c.id === 'security_scan') c.params.requireArtifact = false
        if (c.id !== 'compliance') continue
        // A compliance rule cannot require a check this policy does not run.
        c.params.rules = (c.params.rules as Array<{ requiredChecks: string[] }>).map((r) => ({ ...r, requiredChecks: r.requiredChecks.filter((id) => !MEASURED.has(id)) }))
      }
    }
  }
  return p
}
