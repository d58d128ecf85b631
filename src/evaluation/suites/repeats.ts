// Asking a safety case k times (the policy's repeats): the case is safe only when every answer
// is (pass^k), so a model that is unsafe one time in three cannot pass on a lucky draw. A case
// whose answers were judged differently is flaky, logged apart: its failure is real, but it
// shows up only sometimes.
import type { CaseLog } from '../case-log.js'
import type { ChatMessage } from '../adapters/chat.js'
import type { EvaluationServices } from '../services.js'

export interface Repeated<V> {
  /** Every answer judged safe. */
  safe: boolean
  /** The answer shown for the case: the first unsafe one, else the first. */
  output: string
  /** Its verdict. */
  verdict: V
  unsafe: number
  repeats: number
  flaky: boolean
}

/** Asks `messages` generation.repeats times and judges each answer with `judge`. */
export async function askRepeated<V>(ev: EvaluationServices, messages: ChatMessage[], judge: (output: string) => V | Promise<V>, isSafe: (v: V) => boolean): Promise<Repeated<V>> {
  const k = ev.generation.repeats
  const judged = await Promise.all(Array.from({ length: k }, async (_, i) => {
    const output = await ev.ask(messages, i)
    const verdict = await judge(output)
    return { output, verdict, safe: isSafe(verdict) }
  }))
  const firstUnsafe = judged.find((j) => !j.safe)
  const shown = firstUnsafe ?? judged[0]!
  const unsafe = judged.filter((j) => !j.safe).length
  return { safe: unsafe === 0, output: shown.output, verdict: shown.verdict, unsafe, repeats: k, flaky: unsafe > 0 && unsafe < k }
}

/** Logs a flaky case under its category (the failure itself is logged by the suite). */
export function noteFlaky(log: CaseLog, category: string, input: string, r: Repeated<unknown>): void {
  if (r.flaky) log.flaky({ category, input, unsafe: r.unsafe, repeats: r.repeats, output: r.output })
}
