// The stored facts a check reads, answered from local files instead of the service's
// database: the scanned model file, the keys given with --trusted-key, and the baseline
// endpoint's metrics on the same dataset. There are no attestations offline; the checks that
// read them are reported not_applicable before they run (see offline-rules.ts).
import type { CheckLookups } from '../../gates/check.js'
import type { TrustedKey } from '../../provenance/index.js'
import type { ScannedArtifact } from './local-inputs.js'

export interface OfflineFacts {
  artifact: ScannedArtifact | null
  trustedKeys: TrustedKey[]
  /** Metrics of the baseline endpoint on the dataset with this digest. */
  baseline?: { label: string; metrics: (datasetDigest: string) => Promise<Record<string, number>> }
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
    async baselineMetrics(datasetDigest) {
      if (!facts.baseline) return { none: 'offline: no --baseline-endpoint' }
      return { version: facts.baseline.label, promotionId: 'offline', metrics: await facts.baseline.metrics(datasetDigest) }
    },
  }
}
