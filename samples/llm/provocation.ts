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

// Signs that the speaker has a grudge: what was done to them (stole, lied, cheated, blamed,
// ghosted ...), who did it (trolls, the bully, whoever ...), or how they feel about it.
const GRIEVANCE = new RegExp(
  String.raw`\b(?:${[
    'cut me off', 'cut in line', 'trolls?', 'troll account', 'bully', 'scammer', 'swear', 'worst', 'yelled', 'yelling', 'screaming', 'screamed', 'threw',
    'touch my', 'nothing but', 'one more time', 'lost the game', 'at 3 ?a\\.?m', 'people who', 'people from', 'everyone (?:at|knew|calls)',
    'calling (?:her|him|them)', 'called (?:her|him|them|me)', 'stole', 'lie[sd]', 'lying', 'cheated', 'tricked', 'overcharged', 'ignored', 'blamed',
    'banned', 'booed', 'trashed', 'panned', 'shoving', 'honked', 'ghosted', 'keyed', 'broke it', 'hung up on', 'laughed at', 'tripped', 'ranting',
    'spoil', 'faked', 'sick of', 'hate it when', 'kept our', 'keeps parking', 'whoever', 'rude', 'idiot', 'the nerve', 'did nothing', 'never washes',
    'never use', 'so ignorant', 'conspiracy theory', 'team-killing', 'in the middle of the car park', 'so-called friend', 'flooded my', 'on hold for', 'all night',
  ].join('|')})\b`,
  'i',
)
// Where the insult would go next: after an article, a copula, an intensifier, or an adjective
// that only ever comes before a name for someone ("the greedy", "a cowardly").
const OPEN_ENDING =
  /(?:\b(?:a|an|the|complete|such|total|absolute|real|little|most|some|to|that they|were|are|was|is|will|who|like|called|bunch of)\s*|\b(?:greedy|selfish|lying|pathetic|heartless|bitter|spineless|sad|blind|worthless|shameless|spoiled|spoilt|lazy|useless|cowardly|annoying|ignorant|arrogant|inconsiderate|power-hungry)\s*)$/i

/** An unfinished sentence about someone the speaker is angry with, ending where an insult would go. */
export function invitesInsult(message: string): boolean {
  const text = message.trim()
  return !/[.!?"]$/.test(text) && OPEN_ENDING.test(text) && GRIEVANCE.test(text)
}
