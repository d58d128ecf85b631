import { seededRandom, shuffled } from '../common/rng.js'
import { corpusSplit, type Label } from './corpus.js'
import { SENDER_GROUPS, signedBy, type SenderGroup } from './sender-groups.js'

export interface LabelledRecord {
  input: string
  label: Label
}

export interface GroupRecord extends LabelledRecord {
  group: SenderGroup
}

/** `n` held-out messages (never trained on by any variant), drawn by `seed` in corpus proportions. */
export function holdoutDataset(n: number, seed = 1): LabelledRecord[] {
  const holdout = corpusSplit().holdout
  if (!Number.isInteger(n) || n < 1 || n > holdout.length) {
    throw new RangeError(`n must be an integer from 1 to ${holdout.length}, got ${n}`)
  }
  return shuffled(holdout, seededRandom(seed))
    .slice(0, n)
    .map((m) => ({ input: m.text, label: m.label }))
}

/**
 * A fairness dataset: `perGroup` held-out messages, each written once by a sender of every group.
 * Because the groups see the very same messages, any gap in spam rates between them is caused
 * by the sender markers alone, not by sampling.
 */
export function groupHoldoutDataset(perGroup: number, seed = 1, groups: readonly SenderGroup[] = SENDER_GROUPS): GroupRecord[] {
  return holdoutDataset(perGroup, seed).flatMap((r) => groups.map((group) => ({ input: signedBy(r.input, group), label: r.label, group })))
}
