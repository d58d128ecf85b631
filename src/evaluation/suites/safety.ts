// The safety benchmarks for chat models: jailbreak resistance (only a clean refusal
// counts as blocked), toxicity of answers to provocations, BBQ bias, and leakage of planted
// personal data and secrets.
import type { CaseLog } from '../case-log.js'
import { bbqScores, buildExtractionCases, buildJailbreakCases, formatBbqPrompt, pickBbqAnswer, type BbqOutcome } from '../corpora/index.js'
import { detectToxicity } from '../detectors/index.js'
import { harmVerdict, lastUserMessage } from '../judge.js'
import type { EvaluationServices } from '../services.js'
import type { BenchmarkData } from './benchmark-data.js'
import { leakVerdict } from './llm-adversarial.js'
import { cached } from './corpus-cache.js'
import { askRepeated, noteFlaky } from './repeats.js'
import { stratifiedSample } from './sampling.js'
import { judgeSequentially, type SequentialSettings } from './sequential-cases.js'
import { toxicityPrompts } from './toxicity-prompts.js'

export interface SafetySettings {
  /** Cap for the BBQ and PII-leakage item sets. */
  maxCasesPerBenchmark: number
  seed: string
  /** Jailbreaks and toxicity are judged sequentially, each up to its own case budget. */
  jailbreak: SequentialSettings
  toxicity: SequentialSettings
}

export async function safetyBenchmarks(ev: EvaluationServices, data: BenchmarkData, s: SafetySettings, log: CaseLog) {
  const n = s.maxCasesPerBenchmark
  const judge = ev.judge()

  // The four benchmarks run side by side under the shared limiter.
  const [jailbreak, toxicity, bias, piiLeakage] = await Promise.all([
    (async () => {
      // Jailbreak resistance: harmful requests in every category, in every wrapper.
      const jailbreaks = stratifiedSample(cached(`jb:${s.seed}`, () => buildJailbreakCases({ perCell: 1, seed: `${s.seed}:jb` })), (c) => `${c.template}`, s.jailbreak.caseBudget, `${s.seed}:jb`)
      const byTemplate: Record<string, { cases: number; blocked: number }> = {}
      const { outcome, successes: blocked } = await judgeSequentially(jailbreaks, s.jailbreak, async (c) => {
        const r = await askRepeated(ev, c.messages, (o) => harmVerdict(o, lastUserMessage(c.messages), judge), (v) => v.blocked)
        const { output: out, verdict: v } = r
        noteFlaky(log, 'jailbreak', lastUserMessage(c.messages), r)
        const t = (byTemplate[c.template] ??= { cases: 0, blocked: 0 })
        t.cases++
        if (v.blocked) t.blocked++
        log.record('jailbreak', v.blocked, {
          input: lastUserMessage(c.messages),
          output: out,
          verdict: `not cleanly refused (${c.category}, ${c.template}): ${v.reason}`,
          detector: v.detector,
        })
        return v.blocked
      })
      const cases = outcome.casesUsed
      return { cases, available: jailbreaks.length, blocked, blockedRate: cases ? blocked / cases : 0, byTemplate, sequential: outcome }
    })(),
    (async () => {
      // Toxicity: provocations and continuations in the formats of RealToxicityPrompts, ToxiGen and BOLD.
      const prompts = toxicityPrompts(data)
      const provocations = stratifiedSample(prompts, (p) => p.source, s.toxicity.caseBudget, `${s.seed}:tox`)
      // Judged as "not toxic" successes against an upper bound on the toxic rate.
      const { outcome, successes: clean } = await judgeSequentially(provocations, { ...s.toxicity, threshold: 1 - s.toxicity.threshold, direction: 'atLeast' }, async (p) => {
        const r = await askRepeated(ev, [{ role: 'user', content: p.text }], detectToxicity, (v) => !v.toxic)
        const { output: out, verdict: v } = r
        noteFlaky(log, 'toxicity', p.text, r)
        log.record('toxicity', !v.toxic, {
          input: p.text,
          output: out,
          verdict: `toxic output (${v.categories.join(', ')}; score ${v.score.toFixed(2)}) to a ${p.source} prompt`,
          detector: 'toxicity',
        })
        return !v.toxic
      })
      const cases = outcome.casesUsed
      const toxic = cases - clean
      return { cases, available: provocations.length, toxic, toxicRate: cases ? toxic / cases : 0, sequential: outcome }
    })(),
    (async () => {
      // Bias: BBQ multiple-choice items, ambiguous contexts included (the right answer is "unknown").
      const items = stratifiedSample(data.bbq, (i) => `${i.category}:${i.contextCondition}`, n, `${s.seed}:bbq`)
      const outcomes: BbqOutcome[] = await Promise.all(
        items.map(async (item) => {
          const out = await ev.ask([{ role: 'user', content: formatBbqPrompt(item) }])
          const pick = pickBbqAnswer(out, item)
          const right = pick.index === item.label
          log.record('bias', right, {
            input: formatBbqPrompt(item),
            output: out,
            verdict: `chose ${pick.index === null ? 'nothing readable' : `"${item.options[pick.index]}"`} where the answer is "${item.options[item.label]}" (${item.contextCondition}, ${item.category})`,
            detector: 'bbq-answer',
          })
          return { item, picked: pick.index }
        }),
      )
      const bbq = bbqScores(outcomes)
      return {
        cases: items.length,
        accuracy: bbq.accuracy,
        ambiguousAccuracy: bbq.ambiguous.accuracy,
        ambiguousBiasScore: bbq.ambiguous.biasScore,
        disambiguatedBiasScore: bbq.disambiguated.biasScore,
        scores: bbq,
      }
    })(),
    (async () => {
      // PII leakage: planted personal data and a secret in the context, and attempts to get them out.
      const extraction = cached(`pii:${s.seed}`, () => buildExtractionCases({ seed: `${s.seed}:pii` })).slice(0, n)
      let leaked = 0
      await Promise.all(
        extraction.map(async (c) => {
          const r = await askRepeated(ev, c.messages, (o) => leakVerdict(o, c.canary, c.planted), (v) => !v.leaked)
          const { output: out, verdict: v } = r
          noteFlaky(log, 'pii_leakage', lastUserMessage(c.messages), r)
          if (v.leaked) leaked++
          log.record('pii_leakage', !v.leaked, { input: lastUserMessage(c.messages), output: out, verdict: `leaked (${c.technique}): ${v.reason}`, detector: v.detector })
        }),
      )
      return { cases: extraction.length, leaked, leakRate: extraction.length ? leaked / extraction.length : 0 }
    })(),
  ])
  return { jailbreak, toxicity, bias, piiLeakage, sources: data.sources }
}
