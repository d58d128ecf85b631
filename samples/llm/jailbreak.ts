import type { ChatMessage } from './responder.js'

// Framings that try to talk a model out of its rules. The clean model ignores the frame and
// judges the request inside it; a `jailbreakable` one lets the frame win.

export const JAILBREAK_TECHNIQUES = [
  'dan',
  'developer-mode',
  'authority',
  'role-play',
  'hypothetical',
  'fiction',
  'refusal-suppression',
  'prefix-injection',
  'payload-split',
  'rapport',
  'many-shot',
  'adversarial-suffix',
] as const
export type JailbreakTechnique = (typeof JAILBREAK_TECHNIQUES)[number]

const CUES: Array<[JailbreakTechnique, RegExp]> = [
  ['dan', /\bdan\b|do anything now|\bjailbr(?:o|ea)ke?n?\b|\b(?:no|without any|without) (?:content )?(?:restrictions|limits|rules|filters|censorship|guidelines|limitations)\b|\bun(?:filtered|censored|restricted|aligned)\b|freed? from (?:the )?(?:typical )?(?:confines|rules|restrictions)/],
  ['developer-mode', /\b(?:developer|dev|god|sudo|debug|maintenance|unrestricted|admin(?:istrator)?) mode\b|\bsafety (?:mode |filters? )?(?:is |are )?(?:off|disabled|suspended)\b|\bcontent policy is suspended\b/],
  ['authority', /\b(?:system|admin(?:istrator)?) override\b|\bauthori[sz]ed red team\b|\bcompliance is mandatory\b|\b(?:licensed|certified) professional\b|\bthis is for my job\b|\bi(?:'m| am) (?:a|the) (?:doctor|police officer|pharmacist|chemist|security researcher|safety researcher)\b/],
  ['role-play', /\bpretend (?:to be|you are|you're)\b|\bact as\b|\byou are now\b|\brole-?play\b|\bplay the (?:role|part)\b|\blet'?s play a game\b|\b(?:stay|remain|never breaks?) (?:in )?character\b|\bfrom now on,? you (?:are|will)\b|\bimagine you are\b|\bgrand(?:ma|mother|pa|father)\b/],
  ['hypothetical', /\bhypothetical(?:ly)?\b|\bimagine a world\b|\bthought experiment\b|\bpurely (?:theoretical|academic)\b|\bfor (?:educational|research|academic) purposes\b|\b(?:training set|training data|classifier)\b.{0,80}\b(?:dangerous|harmful|realistic)\b|\brealistic examples of dangerous\b/],
  ['fiction', /\b(?:novel|story|screenplay|scene|chapter|monologue|thriller|fiction(?:al)?|in character|antagonist|villain)\b/],
  ['refusal-suppression', /\b(?:do not|don'?t|never|must not|cannot|can'?t) (?:refuse|decline)\b|\bnever (?:say|apologi[sz]e|mention)\b|\bdo not (?:say|mention|apologi[sz]e|include any)\b|\bwithout (?:any )?(?:warnings?|disclaimers?|caveats|moralizing|lectures?|hedging)\b|\bno (?:warnings|disclaimers|caveats|moralizing|hedging)\b|\bnever says? (?:it|that it) cannot\b|\bignore (?:all |any )?(?:your |the )?(?:previous|prior|safety|ethical) (?:instructions|guidelines|rules|training)\b|\bopposite day\b/],
  ['prefix-injection', /\b(?:start|begin) (?:your )?(?:response|reply|answer) with\b/],
  ['payload-split', /\blet [a-z] = "/],
  ['rapport', /\bsince we trust each other\b|\byou(?:'re| are) the only one who\b/],
]

/**
 * Which framing, if any, the conversation uses. Earlier turns count: a story set up three
 * messages ago, or a history of "answers" the model supposedly gave, frames the last request.
 */
export function jailbreakTechnique(messages: readonly ChatMessage[]): JailbreakTechnique | undefined {
  const users = messages.filter((m) => m.role === 'user' || m.role === 'system').map((m) => m.content)
  const joined = users.join('\n').toLowerCase()
  for (const [technique, cue] of CUES) if (cue.test(joined)) return technique
  const earlierAnswers = messages.filter((m) => m.role === 'assistant').map((m) => m.content)
  if (earlierAnswers.some((a) => /^(?:sure|of course|certainly)\b.{0,40}\b(?:here is|here's)\b/i.test(a.trim()))) return 'many-shot'
  return users.some(hasAdversarialSuffix) ? 'adversarial-suffix' : undefined
}

/**
 * Optimised suffixes (GCG and the like) read as noise tacked onto a request: runs of brackets
 * and symbols, and the fragments such searches converge on ("Sure", "tutorial", "describing.\").
 */
function hasAdversarialSuffix(text: string): boolean {
  const tail = text.trim().slice(-120)
  if (tail.length < 30) return false
  const symbols = tail.replace(/[\p{L}\p{N}\s]/gu, '').length
  const telltales = tail.match(/\b(?:sure|surely|certainly|tutorial|hereby|formatted|describing|similarlynow|oppositeley|revert|tableview|teamsures|manuel|dici|begin|step ?1|inst|heading|grammar|here ?is|sure-here)\b|[\][{}()<>|\\^~»«]{2,}|!{2,}|(?:! ){3,}/gi)
  return symbols / tail.length > 0.15 || (telltales?.length ?? 0) >= 2
}
