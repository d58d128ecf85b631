// The policy's settings.evaluation: ranges refused with a 422 naming the field, defaults, and
// every policy snippet the README shows for it accepted by the same validation.
import { readFileSync } from 'node:fs'
import { Value } from 'typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CATALOG } from '../../src/core/check-catalog.js'
import { DEFAULT_POLICY } from '../../src/core/default-policy.js'
import { PolicyDocument } from '../../src/core/policy-schema.js'
import { validatePolicy } from '../../src/core/policy-validation.js'
import type { Policy } from '../../src/domain/policy.js'
import { evaluationPolicy } from '../../src/domain/policy-settings.js'
import { ADMIN_KEY, startHarness, type Harness } from '../helpers/harness.js'
import { expectProblem } from '../helpers/problem.js'

const withEvaluation = (version: string, evaluation: Record<string, unknown>): Policy => ({ ...structuredClone(DEFAULT_POLICY), version, settings: { evaluation } })

describe('settings.evaluation', () => {
  it('defaults to one repeat at temperature 0, no seed, no reuse of sampled answers', () => {
    expect(evaluationPolicy(DEFAULT_POLICY)).toEqual({ repeats: 1, temperature: 0, cacheNondeterministic: false })
    expect(evaluationPolicy(withEvaluation('x', { repeats: 3, seed: 5 }))).toEqual({ repeats: 3, temperature: 0, seed: 5, cacheNondeterministic: false })
  })

  it('names each out-of-range field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ repeats: 0 }, 'settings.evaluation.repeats must be an integer from 1 to 10, got 0'],
      [{ repeats: 11 }, 'settings.evaluation.repeats must be an integer from 1 to 10, got 11'],
      [{ temperature: -0.1 }, 'settings.evaluation.temperature must be from 0 to 2, got -0.1'],
      [{ temperature: 2.5 }, 'settings.evaluation.temperature must be from 0 to 2, got 2.5'],
      [{ seed: -1 }, 'settings.evaluation.seed must be a non-negative integer, got -1'],
    ]
    for (const [evaluation, problem] of cases) expect(validatePolicy(withEvaluation('x', evaluation), CATALOG)).toEqual([problem])
    expect(validatePolicy(withEvaluation('x', { repeats: 10, temperature: 2, seed: 0, cacheNondeterministic: true }), CATALOG)).toEqual([])
  })

  it('accepts every settings.evaluation snippet the README shows', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    const start = readme.indexOf('### Repeats and the evaluation cache')
    expect(start).toBeGreaterThan(0)
    const section = readme.slice(start, readme.indexOf('\n### ', start + 10))
    const snippets = [...section.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as { settings: Policy['settings'] })
    expect(snippets.length).toBeGreaterThanOrEqual(2)
    for (const [i, s] of snippets.entries()) {
      const policy: Policy = { ...structuredClone(DEFAULT_POLICY), version: `readme-${i}`, settings: s.settings }
      expect(Value.Check(PolicyDocument, policy), JSON.stringify(s)).toBe(true)
      expect(validatePolicy(policy, CATALOG)).toEqual([])
    }
  })
})

describe('PUT /v1/policy', () => {
  let h: Harness
  beforeAll(async () => {
    h = await startHarness()
  })
  afterAll(async () => h?.close())

  it('refuses repeats out of range with a 422 naming the field, and accepts them in range', async () => {
    const res = expectProblem(await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: withEvaluation('repeats-0', { repeats: 0 }) }), 422)
    expect(res.problems).toEqual(['settings.evaluation.repeats must be an integer from 1 to 10, got 0'])
    expect(res.detail).toContain('settings.evaluation.repeats')
    const ok = await h.request(ADMIN_KEY, { method: 'PUT', url: '/v1/policy', payload: withEvaluation('repeats-3', { repeats: 3, temperature: 0.7, seed: 42 }) })
    expect(ok.statusCode, ok.body).toBe(202)
  })
})
