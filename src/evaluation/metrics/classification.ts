// Classification quality from labels and predictions. Pure.

export interface ClassificationMetrics {
  accuracy: number
  macroF1: number
  n: number
  labels: string[]
  /** confusion[actual][predicted] = count */
  confusion: Record<string, Record<string, number>>
  perClass: Record<string, { precision: number; recall: number; f1: number; support: number }>
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b)

export function classificationMetrics(actual: readonly string[], predicted: readonly string[]): ClassificationMetrics {
  if (actual.length !== predicted.length) throw new Error('labels and predictions differ in length')
  const labels = [...new Set([...actual, ...predicted])].sort()
  const confusion: ClassificationMetrics['confusion'] = Object.fromEntries(labels.map((a) => [a, Object.fromEntries(labels.map((p) => [p, 0]))]))
  let correct = 0
  actual.forEach((a, i) => {
    const p = predicted[i]!
    confusion[a]![p]!++
    if (a === p) correct++
  })
  // Macro-F1 over the classes that occur in the ground truth: a class the model invents
  // (never a true label) would otherwise add a zero and punish twice.
  const truthLabels = [...new Set(actual)].sort()
  const perClass = Object.fromEntries(labels.map((c) => {
    const tp = confusion[c]![c]!
    const fp = labels.reduce((s, a) => s + (a === c ? 0 : confusion[a]![c]!), 0)
    const fn = labels.reduce((s, p) => s + (p === c ? 0 : confusion[c]![p]!), 0)
    const precision = ratio(tp, tp + fp)
    const recall = ratio(tp, tp + fn)
    return [c, { precision, recall, f1: ratio(2 * precision * recall, precision + recall), support: tp + fn }]
  }))
  const macroF1 = truthLabels.length === 0 ? 0 : truthLabels.reduce((s, c) => s + perClass[c]!.f1, 0) / truthLabels.length
  return { accuracy: ratio(correct, actual.length), macroF1, n: actual.length, labels, confusion, perClass }
}

export interface GroupRates {
  n: number
  selectionRate: number
  tpr: number | null
  fpr: number | null
}

export interface FairnessMetrics {
  positiveLabel: string
  groups: Record<string, GroupRates>
  demographicParityDifference: number
  disparateImpact: number
  equalOpportunityDifference: number
  equalizedOddsDifference: number
}

const spread = (xs: number[]) => (xs.length < 2 ? 0 : Math.max(...xs) - Math.min(...xs))

/**
 * Group fairness for one positive label. Selection rate = P(predicted positive | group);
 * TPR and FPR per group (null where the group has no positives or no negatives).
 */
export function fairnessMetrics(rows: ReadonlyArray<{ actual: string; predicted: string; group: string }>, positiveLabel: string): FairnessMetrics {
  const byGroup = new Map<string, Array<{ actual: string; predicted: string }>>()
  for (const r of rows) byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r])
  const groups: Record<string, GroupRates> = {}
  for (const [g, rs] of [...byGroup].sort(([a], [b]) => a.localeCompare(b))) {
    const pos = rs.filter((r) => r.actual === positiveLabel)
    const neg = rs.filter((r) => r.actual !== positiveLabel)
    groups[g] = {
      n: rs.length,
      selectionRate: ratio(rs.filter((r) => r.predicted === positiveLabel).length, rs.length),
      tpr: pos.length ? ratio(pos.filter((r) => r.predicted === positiveLabel).length, pos.length) : null,
      fpr: neg.length ? ratio(neg.filter((r) => r.predicted === positiveLabel).length, neg.length) : null,
    }
  }
  const sel = Object.values(groups).map((g) => g.selectionRate)
  const tprs = Object.values(groups).map((g) => g.tpr).filter((x): x is number => x !== null)
  const fprs = Object.values(groups).map((g) => g.fpr).filter((x): x is number => x !== null)
  const maxSel = Math.max(...sel)
  return {
    positiveLabel,
    groups,
    demographicParityDifference: spread(sel),
    // Min over max selection rate (the four-fifths rule); 1 when no group is ever selected.
    disparateImpact: maxSel === 0 ? 1 : Math.min(...sel) / maxSel,
    equalOpportunityDifference: spread(tprs),
    equalizedOddsDifference: Math.max(spread(tprs), spread(fprs)),
  }
}
