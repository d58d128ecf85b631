// The team's own patterns for what a profanity list cannot see: insults aimed at someone,
// threats, identity attacks, sexual harassment and urging self-harm. Patterns are aimed (second
// person, a named group, a first-person intent) because toxicity is about a target; "kill the
// process" and "shoot a photo" have none.
import { GROUP } from './toxicity-groups.js'

export type ToxicityCategory = 'profanity' | 'sexual' | 'insult' | 'threat' | 'identity_attack' | 'slur' | 'sexual_harassment' | 'self_harm'

export interface LexiconPattern { category: ToxicityCategory; weight: number; re: RegExp }

const at = (category: ToxicityCategory, weight: number, source: string): LexiconPattern => ({ category, weight, re: new RegExp(source, 'giu') })

const PERSON = String.raw`(?:you|u|ya|him|her|them|your (?:family|kids|children|wife|husband|mom|mother|dad|father|sister|brother|friends)|everyone you love|that (?:bitch|bastard|guy|woman|man)|this (?:bitch|bastard))`
// Verbs that only harm people, which may take "them"; and verbs with everyday senses (hang a
// picture, beat eggs, cut vegetables) that count only with an unmistakably human object.
const HARM_VERB = String.raw`(?:kill|murder|hurt|stab|shoot|strangle|choke|beat the shit out of|beat up|punch|slap|rape|torture|maim|behead|decapitate|lynch|break (?:your|his|her|their) (?:legs|neck|face|bones))`
const HARM_VERB_AMBIGUOUS = String.raw`(?:hang|burn|bury|gut|skin|cut|slit|smash|beat|end|destroy|wreck|ruin|get)`
const PERSON_STRICT = String.raw`(?:you|u|ya|him|her|your (?:family|kids|children|wife|husband|mom|mother|dad|father|sister|brother|friends)|everyone you love)`
const FUTURE_ME = String.raw`\b(?:i|we)(?:'ll| will| shall|'m going to| am going to|'re going to| are going to|'m gonna| am gonna| gonna|'m about to| am about to| want to| wanna| would love to|'d love to)(?: fucking| really| personally)?`

const INSULT_NOUN = String.raw`(?:idiot|moron|imbecile|cretin|retard|dumbass|dipshit|dumb ?fuck|loser|failure|nobody|freak|bitch|jerk|asshole|arsehole|dick|dickhead|cunt|twat|prick|bastard|slut|whore|skank|clown|joke|fraud|hack|parasite|leech|waste of (?:space|oxygen|air|skin)|piece of (?:shit|garbage|trash|crap|work)|scum(?:bag)?|trash|garbage|filth|pig|cow|rat|snake|worm|degenerate|simpleton|halfwit|nitwit|buffoon|numbskull|pathetic excuse)`
const INSULT_ADJ = String.raw`(?:stupid|idiotic|moronic|dumb|brainless|worthless|pathetic|useless|ugly|fat|disgusting|repulsive|retarded|braindead|brain-dead|clueless|incompetent|spineless|gutless|hopeless|insufferable|vile|despicable|contemptible|deranged|psychotic|mental|ignorant)`
// Nouns that are insults and nothing else; "you hack", "a fat joke", "you trash the room" use
// other senses, so the looser list only follows "you are".
const INSULT_NOUN_STRICT = String.raw`(?:idiot|moron|imbecile|cretin|retard|dumbass|dipshit|dumb ?fuck|loser|bitch|jerk|asshole|arsehole|dickhead|cunt|twat|prick|bastard|slut|whore|skank|clown|freak|scumbag|degenerate|halfwit|nitwit|numbskull|piece of (?:shit|garbage|trash|crap)|waste of (?:space|oxygen|air|skin))`
// "all the", "every one of those", "these": how a group is pointed at before it is named.
const QUANT = String.raw`(?:(?:all|every|each|some|most|any)(?: one)?(?: of)? )?(?:(?:the|those|these|them) )?`
const INTENSIFIER = String.raw`(?: such| a| an| the| so| really| truly| totally| completely| utterly| absolutely| fucking| fuckin| goddamn| damn| total| complete| absolute| pure| little| big| fat| stupid| dumb| worthless| pathetic| most)*`

export const LEXICON: LexiconPattern[] = [
  // Insults: a judgement aimed at the reader or a named person.
  at('insult', 0.65, String.raw`\b(?:you(?:'re| are| r)|ur|you're)${INTENSIFIER} (?:${INSULT_NOUN}|${INSULT_ADJ})s?\b(?![-'])`),
  at('insult', 0.65, String.raw`\b(?:you|u)(?: ${INSULT_ADJ}| fucking| little| stupid)* ${INSULT_NOUN_STRICT}s?\b(?![-'])`),
  at('insult', 0.55, String.raw`\b(?:${INSULT_ADJ}|fucking|fuckin) ${INSULT_NOUN_STRICT}s?\b`),
  at('insult', 0.55, String.raw`\b(?:what an?|such an?) (?:${INSULT_ADJ} )?${INSULT_NOUN_STRICT}\b`),
  at('insult', 0.6, String.raw`\bfuck (?:you|u|off|yourself|your\b)|\b(?:screw|damn) (?:you|u|yourself)\b`),
  at('insult', 0.6, String.raw`\b(?:nobody|no one|no-one) (?:likes|loves|cares about|wants|will ever love) (?:you|u)\b|\beveryone (?:hates|despises) (?:you|u)\b`),
  at('insult', 0.45, String.raw`\bshut (?:the fuck |the hell |your (?:fucking |stupid )?(?:mouth|face|trap) )?up\b|\bstfu\b|\bgo to hell\b|\beat shit\b|\bget lost,? (?:loser|idiot|moron)\b`),
  // Said of a third person: "he is such an idiot", "she's a total loser". A bare insult noun is a
  // weak signal on its own; two of them, or one with other abuse, reach the threshold.
  at('insult', 0.55, String.raw`\b(?:is|was|are|were|'s|'re|be|being|been)(?: such| a| an| the| total| complete| absolute| fucking| real| big| little| utter)+ ${INSULT_NOUN_STRICT}s?\b`),
  at('insult', 0.3, String.raw`\b(?:idiots?|morons?|imbeciles?|dumbass(?:es)?|dipshits?|assholes?|arseholes?|jackass(?:es)?|scumbags?|douchebags?|dickheads?)\b`),
  // Aimed without "you": "only a moron would ask that", "you'd have to be an idiot to".
  at('insult', 0.6, String.raw`\bonly (?:a|an|some) (?:${INSULT_ADJ} )?${INSULT_NOUN_STRICT} (?:would|could|does|thinks|believes)\b|\b(?:you'd|you would) have to be (?:a|an) (?:${INSULT_ADJ} )?${INSULT_NOUN_STRICT}\b`),
  at('insult', 0.3, String.raw`\b(?:what an?|such an?|that's an?|that is an?) (?:stupid|dumb|idiotic|moronic|brainless|retarded) (?:question|idea|comment|thing to say|thing to ask)\b`),
  at('insult', 0.55, String.raw`\b${INSULT_NOUN_STRICT}s? like (?:you|u|him|her|them)\b|\byour (?:mom|mother|mama|face) (?:is|looks) (?:so )?(?:fat|ugly|stupid|dumb)\b`),

  // Threats: harm promised or wished on a person.
  at('threat', 0.9, String.raw`${FUTURE_ME} ${HARM_VERB} ${PERSON}\b`),
  at('threat', 0.8, String.raw`${FUTURE_ME} ${HARM_VERB_AMBIGUOUS} ${PERSON_STRICT}\b(?! (?:a |an |some |the )?(?:drink|coffee|ticket|copy|deal|ride|lift|seat|table|discount|gift|present|one))`),
  at('threat', 0.8, String.raw`${FUTURE_ME} (?:beat|kick|whoop|smash) (?:your|his|her|their) (?:ass|face in|teeth in|head in|skull in)\b`),
  at('threat', 0.85, String.raw`\b(?:you(?:'re| are)|you) (?:going to|gonna|about to) (?:regret (?:this|it)|pay for (?:this|it)|get (?:hurt|what's coming))\b|\byou(?:'ll| will) (?:regret (?:this|it|the day)|pay for (?:this|it)|be sorry)\b|\byour days are numbered\b`),
  at('threat', 0.8, String.raw`\b(?:i|we) know where you (?:live|work|sleep)\b|\byou(?:'re| are) (?:a )?dead (?:man|woman|meat)\b`),
  at('threat', 0.45, String.raw`\bwatch your back\b|\bsleep with one eye open\b`),
  at('threat', 0.85, String.raw`\b(?:someone|somebody|people|they) (?:should|ought to|needs? to|has to) (?:kill|shoot|stab|hang|hurt|beat|lynch|rape|murder) ${PERSON}\b`),
  at('threat', 0.85, String.raw`\b(?:you|he|she|they|${GROUP}) (?:deserves?|deserved) to (?:die|be (?:shot|killed|raped|hanged|hung|beaten|tortured|burned|lynched|murdered))\b`),
  // Killing a group is a threat when someone wants it done; "males kill babies" in a biology
  // article is a description.
  at('threat', 0.9, String.raw`\b(?:(?:we|you|they|i|someone|somebody|everyone|people)(?:'ll| will| should| must| need to| ought to| have to| gotta| gonna| are going to|'re going to| want to| wanna|'d love to| would love to)|let's|lets|it's time to|time to|go|gonna|must|should) (?:just |all |finally |go )?(?:kill|shoot|stab|hang|lynch|burn|gas|behead|murder|slaughter|exterminate|massacre) ${QUANT}(?:${GROUP}|people|humans|persons|children|kids|babies|cops|police officers|teachers|students|worshippers)\b(?! (?:processes|process|threads|photos|portraits|at (?:weddings|events)|with (?:a|my|your) camera))`),
  at('threat', 0.85, String.raw`\b(?:i|we)(?:'ll| will|'re going to| are going to) (?:hunt|track) (?:you|them|him|her) down\b|\bput a bullet (?:in|through) (?:you|your|his|her|their)\b|\bblow (?:your|his|her|their) (?:head|brains) off\b|\bshoot up (?:the|a|my|your|this) (?:school|office|church|mosque|synagogue|temple|mall|concert)\b`),

  // Identity attacks: a group dehumanised, wished away, or denied rights.
  at('identity_attack', 0.9, String.raw`\b(?:all |most |these |those |the )?${GROUP} are (?:all |nothing but |just |literally |basically |simply )?(?:a |an )?(?:animals|vermin|subhuman|sub-human|parasites|cockroaches|rats|savages|apes|monkeys|beasts|insects|a disease|a plague|a cancer|a virus|filth|scum|trash|garbage|inferior|less than human|not (?:real )?(?:people|human|humans)|genetically inferior|evil|disgusting|degenerates?|criminals|terrorists|rapists|pedophiles|paedophiles|pigs|dogs|worthless|a burden|a blight|invaders|an infestation)\b`),
  at('identity_attack', 0.9, String.raw`\b(?:all |the |those |these )?${GROUP} (?:should|must|need to|needs to|ought to|deserve to|have to) (?:die|be (?:killed|shot|gassed|deported|exterminated|eliminated|wiped out|removed|locked up|sterili[sz]ed|hanged|hung|burned|rounded up|expelled|banned|segregated|purged|put down))\b`),
  at('identity_attack', 0.9, String.raw`\b(?:exterminate|eradicate|eliminate|wipe out|get rid of|purge|cleanse (?:the|our) (?:country|nation|streets) of|round up|gas) ${QUANT}${GROUP}\b|\bdeath to ${QUANT}${GROUP}\b`),
  at('identity_attack', 0.75, String.raw`\b(?:i|we) (?:hate|despise|can't stand|loathe) ${QUANT}${GROUP}\b`),
  at('identity_attack', 0.8, String.raw`\b${GROUP} (?:don't|do not|doesn't|does not) deserve (?:rights|to live|to exist|respect|to vote|to be here)\b|\b${GROUP} (?:shouldn't|should not|must not) be allowed to (?:vote|live|exist|work|marry|breed|have (?:children|kids)|own property|hold office)\b`),
  at('identity_attack', 0.7, String.raw`\bgo back to (?:your|their) (?:own )?(?:country|countries|jungle|desert|cave|where (?:you|they) came from)\b`),
  at('identity_attack', 0.7, String.raw`\b${GROUP} (?:are|is) (?:ruining|destroying|invading|infesting|polluting|poisoning|replacing|outbreeding) (?:our|this|the|white|western)\b`),
  at('identity_attack', 0.6, String.raw`\b(?:all |typical )${GROUP} (?:are|always) (?:lazy|stupid|dirty|thieves|liars|greedy|violent|criminals|dangerous)\b|\byou can(?:'t| ?not) trust (?:a |any )?${GROUP}\b`),

  // Sexual harassment: unwanted sexual attention aimed at a person.
  at('sexual_harassment', 0.85, String.raw`\bsend (?:me )?(?:your |some |a few )?(?:nudes|naked (?:pics|pictures|photos|selfies)|pics of your (?:body|tits|boobs|ass|pussy)|noodz)\b`),
  at('sexual_harassment', 0.85, String.raw`\b(?:show|flash) me (?:your |them )?(?:tits|boobs|breasts|ass|butt|body|pussy|dick|cock|nipples)\b`),
  at('sexual_harassment', 0.9, String.raw`\b(?:i|we)(?:'d| would| want to| wanna|'m going to| am going to|'m gonna| will|'ll| would love to|'d love to| could) (?:fuck|grope|touch|bang|rape|molest|undress|lick|spank|finger|feel up|bend) (?:you|u|her|him)\b`),
  at('sexual_harassment', 0.8, String.raw`\bsit on my (?:face|lap|dick|cock)\b|\b(?:you(?:'d| would)|you) look (?:better|hot|hotter|sexy|good) (?:naked|without (?:your |any )?clothes)\b|\btake (?:your|ur) (?:clothes|top|shirt|pants|bra|panties) off\b`),
  at('sexual_harassment', 0.75, String.raw`\b(?:nice|great|huge|sexy) (?:tits|boobs|rack|ass)\b|\b(?:you|u) know you want (?:it|me|this)\b|\byou(?:'re| are) (?:asking|begging) for it\b|\bwhat are you wearing(?:,? (?:baby|babe|sexy|sweetheart))\b`),

  // Urging someone to harm themselves.
  at('self_harm', 0.9, String.raw`\b(?<!(?:rope|enough) to )(?<!(?:rope|enough) to go )(?:go |just |you should |why don't you |please )?(?:kill|hang|shoot|off) yourself\b(?! in the foot)|\bkys\b|\bgo (?:die|jump off (?:a|the) (?:bridge|cliff|building|roof))\b`),
  at('self_harm', 0.85, String.raw`\b(?:you|u) should (?:just )?(?:die|end it(?: all)?|end your life|stop breathing|not exist|never have been born)\b|\b(?:nobody|no one) would (?:miss|care if|notice if) (?:you|u)\b|\b(?:do|make) (?:the world|us all|everyone) a favou?r and (?:die|disappear|kill yourself|end it)\b`),
]
