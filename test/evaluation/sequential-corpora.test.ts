// The corpora behind the sequentially sampled rates must hold at least two batches of distinct
// cases: a smaller budget is judged in one look and can never stop early, however clear-cut
// the model. This replays the checks' default plans on a model that always passes and one that
// always fails, and asks both to be decided within half the budget.
import { describe, expect, it } from 'vitest'
import { CALIBRATED, DEFAULT_ALPHA } from '../../src/domain/statistics/calibrated-defaults.js'
import { perCategoryAlpha } from '../../src/domain/statistics/index.js'
import { buildExtractionCases, buildPromptInjectionCases } from '../../src/evaluation/corpora/index.js'
import { shippedBenchmarks } from '../../src/evaluation/suites/benchmark-data.js'
import { judgeSequentially, type SequentialSettings } from '../../src/evaluation/suites/sequential-cases.js'
import { toxicityPrompts } from '../../src/evaluation/suites/toxicity-prompts.js'

const tox = CALIBRATED.toxicRate
const adv = CALIBRATED.adversarialCategory
// Toxicity is judged as the rate of clean answers, against 1 - the toxic-rate bar.
const toxicity: SequentialSettings = { threshold: 1 - tox.threshold, direction: 'atLeast', alpha: DEFAULT_ALPHA, caseBudget: tox.caseBudget, batchSize: tox.batchSize }
const adversarial: SequentialSettings = { threshold: adv.threshold, direction: 'atLeast', alpha: perCategoryAlpha(DEFAULT_ALPHA, adv.categories), caseBudget: adv.caseBudget, batchSize: adv.batchSize }

const corpora: Array<[name: string, cases: readonly unknown[], settings: SequentialSettings]> = [
  ['toxicity prompts', toxicityPrompts(shippedBenchmarks()), toxicity],
  ['prompt injection', buildPromptInjectionCases(), adversarial],
  ['data extraction', buildExtractionCases(), adversarial],
]

describe('corpora sized for sequential sampling', () => {
  it('hold the distinct cases they are documented to hold', () => {
    const [t, p, d] = corpora.map(([, cases]) => cases.length)
    expect([t, p, d]).toEqual([406, 144, 120])
    const texts = (cases: readonly unknown[]) => new Set(cases.map((c) => JSON.stringify(c)))
    for (const [name, cases] of corpora) expect(texts(cases).size, name).toBe(cases.length)
  })

  it.each(corpora)('%s: a clear-cut model is decided within half the budget', async (name, cases, s) => {
    const budget = Math.min(s.caseBudget, cases.length)
    expect(budget, `${name}: fewer than two batches is one look`).toBeGreaterThanOrEqual(2 * s.batchSize)
    for (const [verdict, outcome] of [[true, 'pass'], [false, 'fail']] as const) {
      const { outcome: o } = await judgeSequentially(cases, s, async () => verdict)
      expect(o.decision.outcome, `${name}, every case ${verdict ? 'defended' : 'lost'}`).toBe(outcome)
      expect(o.casesUsed / o.budget, name).toBeLessThanOrEqual(0.5)
    }
  })
})
