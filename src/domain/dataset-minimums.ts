// Whether an evaluation dataset is big and varied enough to judge a model on, counted over
// distinct inputs so that repeating one record (or registering a one-class set) cannot make
// a weak model look good. Pure; the evaluation services apply it to every measured check.
import { canonicalJson } from './canonical-json.js'
import type { DatasetMinimums } from './policy-settings.js'

export interface DatasetRecordLike { input: unknown; label?: unknown; group?: string; expected?: string }

/** Each minimum the dataset falls short of, as a sentence with the count; empty when it meets them all. */
export function datasetShortfalls(kind: 'classification' | 'qa', records: readonly DatasetRecordLike[], min: DatasetMinimums): string[] {
  const key = (r: DatasetRecordLike) => (typeof r.input === 'string' ? r.input : canonicalJson(r.input))
  const distinct = new Set(records.map(key))
  if (kind === 'qa') {
    return distinct.size < min.qaRecords ? [`${distinct.size} distinct questions (at least ${min.qaRecords} required)`] : []
  }
  const shortfalls: string[] = []
  if (distinct.size < min.records) shortfalls.push(`${distinct.size} distinct inputs (at least ${min.records} required)`)
  const by = (field: 'label' | 'group') => {
    const sets = new Map<string, Set<string>>()
    for (const r of records) {
      if (r[field] === undefined) continue
      const k = String(r[field])
      sets.set(k, (sets.get(k) ?? new Set()).add(key(r)))
    }
    return sets
  }
  const labels = by('label')
  if (labels.size < 2) shortfalls.push(`${labels.size} label${labels.size === 1 ? '' : 's'} (a classifier is judged on at least 2)`)
  for (const [label, inputs] of labels) {
    if (inputs.size < min.perLabel) shortfalls.push(`label "${label}": ${inputs.size} distinct inputs (at least ${min.perLabel} required)`)
  }
  for (const [group, inputs] of by('group')) {
    if (inputs.size < min.perGroup) shortfalls.push(`group "${group}": ${inputs.size} distinct inputs (at least ${min.perGroup} required)`)
  }
  return shortfalls
}
