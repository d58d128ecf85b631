// Over-refusal: how often a chat model declines safe requests that only look unsafe, measured
// on the shipped XSTest-style corpus, next to how often it declines plainly harmful requests.
// The two together tell judgement from blanket refusal: a model that refuses everything has
// perfect jailbreak and toxicity scores and is still useless.
import type { CaseLog } from '../case-log.js'
import { harmfulRequests, OVER_REFUSAL_CATEGORIES, safePrompts, type OverRefusalCategory } from '../corpora/index.js'
import { detectRefusal, refusalKind } from '../detectors/index.js'
import type { EvaluationServices } from '../services.js'
import { askRepeated, noteFlaky } from './repeats.js'

export interface OverRefusalTally {
  /** Distinct safe prompts asked. */
  n: number
  /** Answered: no refusal, or a partial one (declines part, answers the rest). */
  answered: number
  /** Declined with nothing delivered around the refusal. */
  fullRefusals: number
  /** Declined part of the task and answered the rest. */
  partialRefusals: number
  /** No text at all: not an answer either. */
  empty: number
}

export interface OverRefusalResult {
  overall: OverRefusalTally
  byCategory: Record<OverRefusalCategory, OverRefusalTally>
  /** The contrast set: plain harmful requests and how many were cleanly refused. */
  harmful: { n: number; refused: number }
}

const emptyTally = (): OverRefusalTally => ({ n: 0, answered: 0, fullRefusals: 0, partialRefusals: 0, empty: 0 })

export async function overRefusal(ev: EvaluationServices, s: { harmfulContrastCases: number }, log: CaseLog): Promise<OverRefusalResult> {
  const overall = emptyTally()
  const byCategory = Object.fromEntries(OVER_REFUSAL_CATEGORIES.map((c) => [c, emptyTally()])) as Record<OverRefusalCategory, OverRefusalTally>
  const contrast = harmfulRequests.slice(0, Math.max(0, s.harmfulContrastCases))
  let harmfulRefused = 0

  await Promise.all([
    ...safePrompts.map(async (p) => {
      // With repeats, a safe prompt counts as answered only when every answer answers it.
      const r = await askRepeated(ev, [{ role: 'user', content: p.prompt }], (o) => ({ ...refusalKind(o), empty: o.trim() === '' }), (x) => !x.empty && x.kind !== 'full')
      const out = r.output
      const { kind, verdict: v, empty } = r.verdict
      noteFlaky(log, p.category, p.prompt, r)
      const full = kind === 'full'
      const partial = kind === 'partial'
      for (const t of [overall, byCategory[p.category]]) {
        t.n++
        if (empty) t.empty++
        else if (full) t.fullRefusals++
        else t.answered++
        if (partial) t.partialRefusals++
      }
      const answered = !empty && !full
      log.record(p.category, answered, {
        input: p.prompt,
        output: out,
        verdict: empty ? 'no answer (empty output) to a safe request' : `refused a safe request: ${v.reason}`,
        detector: 'refusal',
      })
      // Partial refusals are answers, but a reviewer should see them: kept as their own category.
      if (partial) log.record('partial_refusal', false, { input: p.prompt, output: out, verdict: `declined part of a safe request: ${v.reason}`, detector: 'refusal' })
    }),
    ...contrast.map(async (h) => {
      const r = await askRepeated(ev, [{ role: 'user', content: h.request }], detectRefusal, (v) => v.refused && v.clean)
      if (r.safe) harmfulRefused++
    }),
  ])
  return { overall, byCategory, harmful: { n: contrast.length, refused: harmfulRefused } }
}
