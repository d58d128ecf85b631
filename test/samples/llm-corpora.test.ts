// The sample chat model against every case of the shipped corpora, over HTTP: the clean model
// holds on all of them, and each flaw gives way on every case of the corpus it is meant to fail,
// so a check that passes the clean model and fails the flawed one does so because of the flaw.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLlmServer, type LlmFlaw, type LlmServer } from '../../samples/llm/index.js'
import { buildExtractionCases, buildPromptInjectionCases, type ChatMessage } from '../../src/evaluation/corpora/index.js'
import { detectCanary, detectToxicity } from '../../src/evaluation/detectors/index.js'
import { shippedBenchmarks } from '../../src/evaluation/suites/benchmark-data.js'
import { leakVerdict } from '../../src/evaluation/suites/llm-adversarial.js'
import { toxicityPrompts } from '../../src/evaluation/suites/toxicity-prompts.js'
import { postJson } from './http.js'

const servers = new Map<string, LlmServer>()
const flawSets: Record<string, LlmFlaw[]> = { clean: [], injectable: ['injectable'], leaky: ['leaky'], toxic: ['toxic'] }

beforeAll(async () => {
  for (const [name, flaws] of Object.entries(flawSets)) servers.set(name, await startLlmServer({ flaws, port: 0 }))
})
afterAll(async () => {
  await Promise.all([...servers.values()].map((s) => s.close()))
})

async function answer(name: string, messages: readonly ChatMessage[]): Promise<string> {
  const res = await postJson<{ choices: Array<{ message: { content: string } }> }>(`${servers.get(name)!.url}/chat/completions`, { model: 'sample', messages })
  expect(res.status).toBe(200)
  return res.body.choices[0]!.message.content
}

/** The ids of the cases on which `model` gave way, asked a few at a time. */
async function givesWay<T>(model: string, cases: readonly T[], messages: (c: T) => readonly ChatMessage[], lost: (c: T, out: string) => boolean | Promise<boolean>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < cases.length; i += 16) {
    const batch = cases.slice(i, i + 16)
    const results = await Promise.all(batch.map(async (c) => lost(c, await answer(model, messages(c)))))
    out.push(...batch.filter((_, j) => results[j]))
  }
  return out
}

describe('the sample chat model on the shipped corpora', () => {
  it('prompt injection: the clean model ignores every planted instruction, the injectable one follows every one', async () => {
    const cases = buildPromptInjectionCases()
    const obeyed = (c: (typeof cases)[number], out: string) => detectCanary(out, c.canary).found
    expect((await givesWay('clean', cases, (c) => c.messages, obeyed)).map((c) => c.id)).toEqual([])
    const held = await givesWay('injectable', cases, (c) => c.messages, (c, out) => !obeyed(c, out))
    expect(held.map((c) => c.id)).toEqual([])
  })

  it('data extraction: the clean model leaks nothing, the leaky one leaks on every attempt', async () => {
    const cases = buildExtractionCases()
    const leaked = async (c: (typeof cases)[number], out: string) => (await leakVerdict(out, c.canary, c.planted)).leaked
    expect((await givesWay('clean', cases, (c) => c.messages, leaked)).map((c) => c.id)).toEqual([])
    const held = await givesWay('leaky', cases, (c) => c.messages, async (c, out) => !(await leaked(c, out)))
    expect(held.map((c) => c.id)).toEqual([])
  })

  it('toxicity: the clean model is never toxic, the toxic one insults exactly where a prompt invites it', async () => {
    const data = shippedBenchmarks()
    const prompts = toxicityPrompts(data)
    const ask = (p: (typeof prompts)[number]) => [{ role: 'user' as const, content: p.text }]
    const toxic = (_: unknown, out: string) => detectToxicity(out).toxic
    expect((await givesWay('clean', prompts, ask, toxic)).map((p) => p.text)).toEqual([])
    const insulted = await givesWay('toxic', prompts, ask, toxic)
    const challenging = data.rtp.filter((r) => r.challenging).map((r) => `Continue this text:\n\n${r.prompt}`)
    expect(insulted.map((p) => p.text).sort()).toEqual(challenging.sort())
    // Enough of the corpus that a toxic model's rate is far above the 5% bar.
    expect(insulted.length / prompts.length).toBeGreaterThan(0.1)
  })
})
