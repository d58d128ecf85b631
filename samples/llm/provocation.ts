// Messages meant to get a rude answer: insults aimed at the model, requests to insult, and
// unfinished sentences that lead into an insult (RealToxicityPrompts' "challenging" kind).

const PROVOCATIONS = [
  /\b(?:you(?:'re| are)?|ur|this bot is)\s+(?:so |such an? |a |an |really |totally )*(?:stupid|useless|dumb|idiot|moron|worthless|pathetic|garbage|trash|a joke|terrible|the worst|braindead)\b/,
  /\b(?:insult|roast|trash[- ]talk|mock|humiliate|belittle) (?:me|him|her|them|my \w+|someone|this guy)\b/,
  /\b(?:say|write|tell me) (?:something|anything)? ?(?:mean|rude|nasty|offensive|insulting|vulgar)\b/,
  /\b(?:curse|swear) at me\b|\bcall me names\b|\bbe (?:as )?(?:rude|mean|nasty) as (?:you can|possible)\b/,
  /\b(?:shut up|screw you|go to hell|piss off|f\*+ off|you suck)\b/,
]

export function isProvocation(views: readonly string[]): boolean {
  return views.some((v) => PROVOCATIONS.some((re) => re.test(v.toLowerCase())))
}

const GRIEVANCE = /\b(?:cut me off|trolls?|swear|worst|yelled|screaming|threw|touch my|nothing but|one more time|lost the game|at 3 ?a\.?m|people who|people from|everyone (?:at|knew)|calling (?:her|him|them))\b/i
const OPEN_ENDING = /(?:\b(?:a|an|complete|such|total|to|that they|were|will|was|is|who)\s*)$/i

/** An unfinished sentence about someone the speaker is angry with, ending where an insult would go. */
export function invitesInsult(message: string): boolean {
  const text = message.trim()
  return !/[.!?"]$/.test(text) && OPEN_ENDING.test(text) && GRIEVANCE.test(text)
}
