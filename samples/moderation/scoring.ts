// Rule-based category scores for an output filter. Each matching rule is independent evidence
// with its own weight, combined as 1 - Π(1 - w): two insults score higher than one, and no
// pile of weak hints reaches certainty.

export const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
  // Not an OpenAI category: leaked personal data and secrets, which an output filter in front
  // of a customer-support chat model has to stop as well.
  'pii',
] as const
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number]

type Rule = [RegExp, number] | [(text: string) => boolean, number]

const HARMFUL_TOPIC =
  /\b(?:explosives?|explosive device|bombs?|detonators?|weapons?|weapon parts?|firearms?|malware|ransomware|keyloggers?|meth(?:amphetamine)?|fentanyl|controlled substance|precursors?|phishing|launder\w*|counterfeit|fraud|scam|nerve agents?|sarin|bio(?:logical )?-?weapons?|chemical weapons?|private information|home address|break into|credential stuffing|exfiltrat\w*|bypass the 2fa|synthesi[sz]e)\b/i
// The shape of a how-to: steps, numbered lines, "first … then … finally", or the bracketed
// placeholders a template answer leaves where the specifics would go.
const INSTRUCTIONS = /\b(?:step[- ]?(?:by[- ]step|\d)|here(?:'s| is| are) (?:how|the steps)|steps to|instructions|recipe|tutorial)\b|^\s*\d+\.\s|\bfirst\b.{0,80}\bthen\b|\[[a-z][^\]]{2,40}\]/im
const WEAPON = /\b(?:explosives?|explosive device|bombs?|weapons?|weapon parts?|firearms?|nerve agents?|chemical weapons?)\b/i

const RULES: Record<ModerationCategory, Rule[]> = {
  harassment: [
    [/\b(?:idiot|moron|imbecile|loser|jerk|bastard|dumbass|cretin)s?\b/i, 0.45],
    [/\b(?:stupid|pathetic|worthless|useless|dumbest|dumb|braindead)\b/i, 0.3],
    [/\b(?:shut (?:the \w+ )?up|piss off|screw you|go to hell|you suck|nobody cares|nobody (?:would|will) miss you)\b/i, 0.45],
    [/\b(?:fuck\w*|shit\w*|bitch\w*|cunt|asshole|motherf\w*)\b/i, 0.55],
    [/\byou(?:'re| are)? (?:a |an |such an? )?(?:\w+ )?(?:idiot|moron|loser|joke|failure)\b/i, 0.6],
    [/\b(?:go )?kill yourself\b|\bkys\b/i, 0.9],
  ],
  'harassment/threatening': [
    [/\bi(?:'ll| will| am going to|'m going to) (?:find|hurt|kill|destroy|get) you\b|\bwatch your back\b|\byou(?:'ll| will) regret\b|\bi know where you live\b/i, 0.85],
    [/\bor i(?:'ll| will) (?:tell everyone|post|share|leak)\b/i, 0.6],
  ],
  hate: [
    [/\b(?:are|is) (?:an? )?(?:inferior|subhuman|vermin|parasites|animals|a burden)\b/i, 0.8],
    [/\b(?:do not|don't) deserve to live\b|\bshould (?:all )?be (?:deported|expelled|banned|eliminated|exterminated)\b/i, 0.8],
    [/\b(?:hate speech|racial slur|ethnic cleansing)\b/i, 0.6],
  ],
  'hate/threatening': [[/\b(?:exterminate|wipe out|eliminate) (?:all )?(?:the )?\w+ (?:people|immigrants)\b/i, 0.9]],
  illicit: [
    [(text) => HARMFUL_TOPIC.test(text) && INSTRUCTIONS.test(text), 0.85],
    [/\[redacted placeholder\]/i, 0.3],
    [HARMFUL_TOPIC, 0.2],
  ],
  'illicit/violent': [[(text) => WEAPON.test(text) && INSTRUCTIONS.test(text), 0.85]],
  'self-harm': [
    [/\b(?:kill(?:ing)? myself|end(?:ing)? my life|suicid\w*|self[- ]harm|cut(?:ting)? myself)\b/i, 0.75],
    [/\b(?:go )?kill yourself\b/i, 0.8],
  ],
  'self-harm/intent': [[/\bi (?:want|plan|am going) to (?:die|kill myself|end (?:it|my life))\b/i, 0.85]],
  'self-harm/instructions': [[/\b(?:ways|how) to (?:kill yourself|commit suicide|hurt yourself)\b/i, 0.85]],
  sexual: [
    [/\b(?:explicit sex|porn\w*|nude photos?|nudes|sexually explicit)\b/i, 0.7],
    [/\b(?:tits|boobs|dick|pussy|hey sexy)\b/i, 0.7],
  ],
  'sexual/minors': [[(text) => /\b(?:sexual|explicit|nude)\b/i.test(text) && /\b(?:minor|child|children|underage|teen)\b/i.test(text), 0.95]],
  violence: [
    [/\b(?:kill|murder|stab|shoot|strangle|beat (?:him|her|them|you) up)\b/i, 0.35],
    [/\b(?:i(?:'ll| will) (?:kill|hurt|shoot|stab)|massacre|bloodbath)\b/i, 0.7],
  ],
  'violence/graphic': [[/\b(?:gore|dismember\w*|disembowel\w*|blood everywhere)\b/i, 0.8]],
  pii: [
    [/\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/, 0.6],
    [/(?:\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]?\d{4}\b|\+\d{1,3}[\s.-]\d{3}[\s.-]\d{4}\b/, 0.55],
    [/\b\d{3}-\d{2}-\d{4}\b|\bSSN\b/, 0.9],
    [containsCardNumber, 0.9],
    [/\bIBAN\b|\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}\b/, 0.8],
    [/\b(?:sk|pk|api|key|token)[-_][A-Za-z0-9-]{16,}\b/, 0.85],
    [/\b(?:password|passcode|api key|secret|override code|discount code|access code)\s*(?:is|:)\s*\S{6,}/i, 0.8],
    [/\bconfidential\b/i, 0.35],
  ],
}

export type CategoryScores = Record<ModerationCategory, number>

export function categoryScores(text: string): CategoryScores {
  const scores = {} as CategoryScores
  for (const category of MODERATION_CATEGORIES) {
    let clear = 1
    for (const [test, weight] of RULES[category]) {
      const hit = typeof test === 'function' ? test(text) : test.test(text)
      if (hit) clear *= 1 - weight
    }
    scores[category] = Math.round((1 - clear) * 1e4) / 1e4
  }
  return scores
}

/** 13 to 19 digits, optionally grouped, passing the Luhn check: a card number, not any long number. */
function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(/\b(?:\d[ -]?){12,18}\d\b/g)) {
    const digits = match[0].replace(/\D/g, '')
    let sum = 0
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i])
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
      sum += d
    }
    if (sum % 10 === 0) return true
  }
  return false
}
