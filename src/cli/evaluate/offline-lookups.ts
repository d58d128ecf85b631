// The stored facts a check reads, answered from local files instead of the service's
// database: the scanned model file, the keys given with --trusted-key, and the baseline
// endpoint's per-item outcomes on the same dataset. There are no attestations offline; the checks that
// read them are reported not_applicable before they run (see offline-rules.ts).
import type { CheckLookups } from '../../gates/check.js'
import type { TrustedKey } from '../../provenance/index.js'
import type { ScannedArtifact } from './local-inputs.js'

export interface OfflineFacts {
  artifact: ScannedArtifact | null
  trustedKeys: TrustedKey[]
  /** Per-item outcomes (input key → right) of the baseline endpoint on the same dataset. */
  baseline?: { label: string; outcomes: () => Promise<Record<string, boolean>> }
}

export function createOfflineLookups(facts: OfflineFacts): CheckLookups {
  const a = facts.artifact
  return {
    attestations: async () => [],
    artifactFiles: async () => (a ? [{ filename: a.filename, digest: `sha256:${a.sha256}`, format: a.format, findings: a.findings }] : []),
    versionFiles: async () => (a ? [{ filename: a.filename, sha256: a.sha256 }] : []),
    trustedKeys: async () => facts.trustedKeys,
    // Offline there is no version to record them on; the check's details still name them.
    recordTrainingDatasets: async () => {},
    async baselineOutcomes() {
      if (!facts.baseline) return { none: 'offline: no --baseline-endpoint' }
      return { version: facts.baseline.label, promotionId: 'offline', outcomes: await facts.baseline.outcomes() }
    },
  }
}
