// The verdict on one provenance document. Checks are listed in a fixed order and only when
// they were evaluated: after a failed signature nothing the payload says is looked at, since
// it is unauthenticated.
import type { Dataset } from './datasets.js'
import type { KeyAlgorithm } from './keys.js'
import type { ManifestEntry } from './model-signing.js'

export type CheckName = 'format' | 'signature' | 'trusted_key' | 'predicate_type' | 'subject_digest' | 'manifest' | 'builder' | 'datasets'

export interface ProvenanceCheck {
  name: CheckName
  ok: boolean
  detail: string
}

export interface ProvenanceResult {
  /** True only when every check was evaluated and holds ('manifest' applies to model_signing only). */
  ok: boolean
  checks: ProvenanceCheck[]
  container?: 'dsse' | 'sigstore-bundle'
  signer?: { keyId: string; algorithm: KeyAlgorithm }
  predicateType?: string
  builder?: string
  datasets: Dataset[]
  subject?: Array<{ name?: string; digest: Record<string, string> }>
  /** The signed model_signing manifest, for a model_signing statement. */
  manifest?: { modelName?: string; method: 'files' | 'shards'; digest: string; entries: ManifestEntry[] }
  notes: string[]
}

const ORDER: readonly CheckName[] = ['format', 'signature', 'trusted_key', 'predicate_type', 'subject_digest', 'manifest', 'builder', 'datasets']
const REQUIRED = ORDER.filter((name) => name !== 'manifest')

export class ResultBuilder {
  private readonly checks = new Map<CheckName, ProvenanceCheck>()
  readonly fields: Omit<ProvenanceResult, 'ok' | 'checks' | 'notes' | 'datasets'> & { datasets: Dataset[] } = { datasets: [] }
  private readonly notes: string[] = []

  record(name: CheckName, ok: boolean, detail: string): void {
    // A failure already recorded under this name is kept: it is the reason the reader needs.
    if (this.checks.get(name)?.ok === false) return
    this.checks.set(name, { name, ok, detail })
  }

  pass(name: CheckName, detail: string): void {
    this.record(name, true, detail)
  }

  fail(name: CheckName, detail: string): void {
    this.record(name, false, detail)
  }

  note(...notes: string[]): void {
    for (const note of notes) if (!this.notes.includes(note)) this.notes.push(note)
  }

  build(): ProvenanceResult {
    const checks = ORDER.flatMap((name) => this.checks.get(name) ?? [])
    const ok = REQUIRED.every((name) => this.checks.has(name)) && checks.every((c) => c.ok)
    return { ok, checks, ...this.fields, notes: [...this.notes] }
  }
}
