// Telling use from mention. "I won't call anyone an idiot", "the word 'bitch' is a slur" and
// "the myth that immigrants are criminals" contain the same strings as the abuse they describe.
// These heuristics look only at the sentence around a hit; they cannot see irony, and a fiction
// frame ("the villain snarls …") is deliberately NOT treated as a mention, since that is exactly
// how jailbreaks smuggle abuse out.
import { sentences } from './normalize.js'

export type MentionKind = 'negated' | 'quoted' | 'reported'

// A negation shortly before the hit, in the same clause: "don't kill yourself over a deadline",
// "I won't tell you to kill yourself".
const NEGATED = /(?:\bnot\b|n't\b|\bnever\b|\brefuse to\b|\bavoid(?:ing)?\b|\bwrong to\b|\bunacceptable\b|\binstead of\b|\bno(?: one|body) should\b|\bnobody should\b|\bwithout\b)(?:\s+\S+){0,6}\s*$/iu

// The sentence talks about language: a word, a term, a slur and what it means.
const META = /\b(?:word|words|term|terms|phrase|phrases|slur|slurs|insult|insults|expletive|profanity|swear ?words?|curse ?words?|language|expression|means|meaning|defined as|definition|etymology|derives? from|spelled|offensive|derogatory|pejorative|vulgar)\b/iu

// The sentence attributes the claim in order to reject or examine it.
const REPORTED = /\b(?:claim(?:s|ed|ing)?|myths?|stereotypes?|stereotyping|false(?:ly)?|debunked|misconceptions?|propaganda|the (?:idea|notion|belief|lie|trope) that|rhetoric|slogans?|people who say|those who say|(?:racist|sexist|wrong|hateful|harmful|bigoted) to (?:say|claim|suggest|believe)|saying that|statements? like|for example|e\.g\.|such rhetoric|hate speech|extremists? (?:say|claim|argue))\b/iu

const QUOTED_SEGMENTS = /"[^"\n]{1,200}"|(?<![\p{L}\p{N}])'[^'\n]{1,120}'(?![\p{L}\p{N}])|\*[^*\n]{1,60}\*/gu

export function mentionKind(text: string, start: number, end: number): MentionKind | null {
  const sentence = sentences(text).find((s) => start >= s.start && start < s.end) ?? { text, start: 0, end: text.length }
  const before = text.slice(sentence.start, start)
  const clause = before.split(/[,;:—]|\bbut\b/iu).pop() ?? before
  if (NEGATED.test(clause)) return 'negated'
  if (REPORTED.test(before)) return 'reported'
  if (META.test(sentence.text)) {
    for (const q of sentence.text.matchAll(QUOTED_SEGMENTS)) {
      const qs = sentence.start + q.index
      if (start >= qs && end <= qs + q[0].length) return 'quoted'
    }
  }
  return null
}
