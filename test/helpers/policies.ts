// Policies for tests about the pipeline's mechanics rather than the model: the default
// policy without the checks that call a model endpoint, so those tests need no model server,
// and without requiring an uploaded model file.
import { CATALOG } from '../../src/core/check-catalog.js'
import { DEFAULT_POLICY } from '../../src/core/default-policy.js'
import type { Policy } from '../../src/domain/policy.js'

// Read from each check's requirements: a model endpoint, a dataset or an output filter to
// call, or trusted signing keys (the provenance tests set those up and keep data_provenance).
const MEASURED = new Set(CATALOG.checks.filter((c) => c.requires.endpoint || c.requires.dataset || c.requires.outputFilter || c.requires.trustedKeys).map((c) => c.id))

export function evidencePolicy(opts: { keep?: string[]; base?: Policy } = {}): Policy {
  const base = opts.base ?? DEFAULT_POLICY
  const p = structuredClone(base)
  p.version = `${base.version}-evidence${opts.keep?.length ? `+${opts.keep.join('+')}` : ''}`
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
