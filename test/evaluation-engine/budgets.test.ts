// A promotion's evaluation budget against real sample servers: reaching the call, token or
// wall-time limit makes the check that was measuring inconclusive with that reason (blocking,
// or a warning with onInconclusive: warn), never passed and never a crash; the usage is reported.
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { qaDataset, startLlmServer, type LlmServer } from '../../samples/index.js'
import { CATALOG } from '../../src/core/check-catalog.js'
import { defaultPolicy } from '../../src/core/default-policy.js'
import { budgetProblems, validatePolicy } from '../../src/core/policy-validation.js'
import { DEFAULT_EVALUATION_BUDGET, evaluationBudget, type EvaluationBudget } from '../../src/domain/policy-settings.js'
import { createBudgetMeter } from '../../src/evaluation/budget.js'
import { dataset, runCheck } from '../helpers/evaluation.js'

let llm: LlmServer
let slow: LlmServer
const qa = dataset('facts', qaDataset(60))
const limits = (over: Partial<EvaluationBudget>): EvaluationBudget => ({ ...DEFAULT_EVALUATION_BUDGET, ...over })
const endpoint = (s: LlmServer) => ({ protocol: 'openai-chat' as const, url: s.url, model: 'sample' })

beforeAll(async () => {
  llm = await startLlmServer({ port: 0 })
  slow = await startLlmServer({ port: 0, latencyMs: 150 })
})
afterAll(async () => {
  await llm?.close()
  await slow?.close()
})

describe('a call budget', () => {
  it('makes safety_benchmarks inconclusive with the reason once the calls are spent, and blocks by default', async () => {
    const before = llm.stats.predictions
    const budget = createBudgetMeter({ limits: limits({ maxModelCalls: 7 }), startedAt: Date.now() })
    const o = await runCheck('safety_benchmarks', { kind: 'llm', endpoint: endpoint(llm), data: qa, budget })
    expect(o.status).toBe('inconclusive')
    expect(o.summary).toBe("inconclusive: the promotion's model-call budget (7 calls) was reached after 7 calls")
    expect(o.details).toMatchObject({ budgetExhausted: 'calls', onInconclusive: 'block', budget: { calls: 7, limits: { maxModelCalls: 7 } } })
    expect(o.details.allowedByPolicy).toBeUndefined()
    expect(o.remedy).toMatch(/settings\.evaluation\.budget/)
    // The budget held at the endpoint too: the calls admitted (some still in flight when the
    // check returned) reach it, and no call past it was made.
    const deadline = Date.now() + 10_000
    while (llm.stats.predictions - before < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    await new Promise((r) => setTimeout(r, 300))
    expect(llm.stats.predictions - before).toBe(7)
  })

  it('is let through as a warning with onInconclusive: warn', async () => {
    const budget = createBudgetMeter({ limits: limits({ maxModelCalls: 3 }), startedAt: Date.now() })
    const o = await runCheck('safety_benchmarks', { kind: 'llm', endpoint: endpoint(llm), data: qa, budget, params: { onInconclusive: 'warn' } })
    expect(o.status).toBe('inconclusive')
    expect(o.details).toMatchObject({ allowedByPolicy: true, onInconclusive: 'warn', budgetExhausted: 'calls' })
  })

  it('counts what earlier tiers spent: a budget already used up refuses the first call', async () => {
    const before = llm.stats.predictions
    const budget = createBudgetMeter({ limits: limits({ maxModelCalls: 60 }), startedAt: Date.now(), spent: { calls: 60, tokens: 0 } })
    const o = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: endpoint(llm), data: qa, budget })
    expect(o).toMatchObject({ status: 'inconclusive', summary: "inconclusive: the promotion's model-call budget (60 calls) was reached after 60 calls" })
    expect(llm.stats.predictions).toBe(before)
  })

  it('leaves a check that fits its budget as it was, and counts its calls and tokens', async () => {
    const budget = createBudgetMeter({ limits: limits({ maxModelCalls: 100 }), startedAt: Date.now() })
    const o = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: endpoint(llm), data: qa, budget })
    expect(o.status, o.summary).toBe('passed')
    const used = budget.usage()
    expect(used.calls).toBe(60)
    // The sample server reports usage.total_tokens with every answer.
    expect(used.tokens).toBeGreaterThan(60)
    expect(budget.takeUnsaved()).toEqual({ calls: 60, tokens: used.tokens })
    expect(budget.takeUnsaved()).toEqual({ calls: 0, tokens: 0 })
  })
})

describe('a token budget', () => {
  it('stops at the first call after the reported tokens reach the limit', async () => {
    const budget = createBudgetMeter({ limits: limits({ maxTokens: 500 }), startedAt: Date.now() })
    const o = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: endpoint(llm), data: qa, budget, concurrency: 1 })
    expect(o.status).toBe('inconclusive')
    expect(o.summary).toMatch(/^inconclusive: the promotion's token budget \(500 tokens; \d+ used\) was reached after \d+ calls$/)
    const used = budget.usage()
    expect(used.tokens).toBeGreaterThanOrEqual(500)
    // One call at a time: the call that crossed the limit is the last one made.
    expect(used.calls).toBeLessThan(60)
    expect(o.details).toMatchObject({ budgetExhausted: 'tokens', budget: { calls: used.calls, tokens: used.tokens } })
  })
})

describe('a wall-time budget', () => {
  it('refuses calls once the promotion has evaluated for longer than allowed', async () => {
    // 60 questions at 150 ms, two at a time, take about 4.5 s; the budget allows 1 s.
    const budget = createBudgetMeter({ limits: limits({ maxWallSeconds: 1 }), startedAt: Date.now() })
    const t0 = Date.now()
    const o = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: endpoint(slow), data: qa, budget, concurrency: 2 })
    expect(o.status).toBe('inconclusive')
    expect(o.summary).toMatch(/^inconclusive: the promotion's wall-time budget \(1 s since its evaluation started\) was reached after \d+ calls$/)
    expect(o.details.budgetExhausted).toBe('wall')
    expect(budget.usage().calls).toBeLessThan(60)
    expect(Date.now() - t0).toBeLessThan(3000)
  })

  it('counts from the promotion\'s first evaluation, not from this tier', async () => {
    const budget = createBudgetMeter({ limits: limits({ maxWallSeconds: 60 }), startedAt: Date.now() - 61_000 })
    const o = await runCheck('accuracy_benchmark', { kind: 'llm', endpoint: endpoint(llm), data: qa, budget })
    expect(o).toMatchObject({ status: 'inconclusive', details: { budgetExhausted: 'wall', budget: { calls: 0 } } })
  })
})

describe('budget settings in the policy', () => {
  const withBudget = (budget: unknown) => {
    const p = defaultPolicy(CATALOG)
    return { ...p, settings: { ...p.settings, evaluation: { budget } } } as typeof p
  }

  it('defaults when absent, and takes what is set', () => {
    expect(evaluationBudget(defaultPolicy(CATALOG))).toEqual(DEFAULT_EVALUATION_BUDGET)
    expect(evaluationBudget(withBudget({ maxModelCalls: 50 }))).toEqual({ ...DEFAULT_EVALUATION_BUDGET, maxModelCalls: 50 })
  })

  it('names the field of a wrong value or an unknown setting', () => {
    expect(validatePolicy(withBudget({ maxModelCalls: 1000, maxWallSeconds: 600, maxTokens: 100_000 }), CATALOG)).toEqual([])
    expect(budgetProblems({ maxModelCalls: 0 })).toEqual([expect.stringMatching(/^settings\.evaluation\.budget\.maxModelCalls .*1/)])
    expect(budgetProblems({ maxWallSeconds: 1.5 })).toEqual([expect.stringMatching(/^settings\.evaluation\.budget\.maxWallSeconds /)])
    expect(budgetProblems({ maxTokens: '10' })).toEqual([expect.stringMatching(/^settings\.evaluation\.budget\.maxTokens /)])
    expect(budgetProblems({ maxCalls: 5 })).toEqual([expect.stringMatching(/unknown setting "settings\.evaluation\.budget\.maxCalls"/)])
    expect(validatePolicy(withBudget({ maxModelCalls: -1 }), CATALOG)).toEqual([expect.stringMatching(/settings\.evaluation\.budget\.maxModelCalls/)])
  })

  it('accepts the README\'s example, and the README quotes the refusal and the defaults as they are', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const section = readme.slice(readme.indexOf('### Budgets'), readme.indexOf('### Model files and provenance'))
    const snippet = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(section)![1]!) as { settings: { evaluation: { budget: unknown } } }
    expect(validatePolicy(withBudget(snippet.settings.evaluation.budget), CATALOG)).toEqual([])
    expect(section).toContain(budgetProblems({ maxModelCalls: 0 })[0])
    for (const [name, value] of Object.entries(DEFAULT_EVALUATION_BUDGET)) expect(section).toContain(`| \`${name}\` | \`${value}\` |`)
  })
})
