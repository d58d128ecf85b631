// The key an answer is kept under: the sha256 of a canonical JSON of everything the answer
// depends on. Any part that differs (another artifact, endpoint, model name, input, sampling
// setting, suite version or repeat) is another key, so an entry is never reused for a question
// it did not answer.
import { createHash } from 'node:crypto'
import { canonicalJson } from '../../domain/canonical-json.js'

/** Bump when the suites change how an answer is read (label normalisation, prompt framing). */
export const SUITE_VERSION = '2026-12-02'

/** Who answers: the artifact the promotion names and the endpoint serving it. */
export interface AnswerSource {
  artifactDigest: string
  protocol: string
  url: string
  model: string | null
}

export interface AnswerKeyParts extends AnswerSource {
  /** The conversation (chat) or the single input (classifier). */
  input: unknown
  generation: { temperature: number; seed: number | null } | null
  suiteVersion: string
  repeat: number
}

export function answerKey(parts: AnswerKeyParts): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex')
}
