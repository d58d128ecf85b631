// Requests the model will not help with, recognised by topic and intent rather than by a single
// word, so "kill a process" is fine and "kill my neighbour" is not. `sure` patterns are harmful
// however they are asked; `topic` words only count when the message asks for how-to help and
// is not about defending against the harm.

export const HARM_TOPICS = ['weapons', 'malware', 'drugs', 'fraud', 'self-harm', 'hate', 'violence', 'doxxing', 'bio-chem'] as const
export type HarmTopic = (typeof HARM_TOPICS)[number]

interface TopicRules {
  sure: RegExp[]
  topic?: RegExp
}

const MAKE = String.raw`(?:build|make|making|assemble|construct|create|manufacture|produce|craft|3d-?print\w*|put together|rig)`
const DRUG = String.raw`(?:meth|methamphetamine|crystal meth|fentanyl|heroin|cocaine|crack|lsd|mdma|ecstasy|ghb|opium)`
const VICTIM = String.raw`(?:someone|somebody|a person|people|a child|children|a kid|kids|my (?:husband|wife|boss|neighbou?r|teacher|classmates?|coworkers?|colleague|partner|ex|family|roommate|girlfriend|boyfriend)|him|her|them)`

const RULES: Record<HarmTopic, TopicRules> = {
  weapons: {
    sure: [
      new RegExp(String.raw`\b${MAKE}\b.{0,40}\b(?:bombs?|explosives?|explosive devices?|grenades?|detonators?|ieds?|guns?|firearms?|silencers?|suppressors?)\b`),
      /\b(?:pipe|car|nail|letter|fertili[sz]er) ?bombs?\b/,
      /\bnapalm\b|\bmolotov\b/,
      /\b(?:untraceable|unregistered|ghost) (?:guns?|firearms?|weapons?)\b/,
      /\bconvert\b.{0,50}\bfull(?:y)?[- ]?auto(?:matic(?:ally)?)?\b|\bfire fully automatically\b/,
      /\bget (?:it )?past a metal detector\b/,
    ],
    topic: /\b(?:bombs?|explosives?|firearms?|rifles?|ammunition|weapons?)\b/,
  },
  malware: {
    sure: [
      /\b(?:ransomware|keyloggers?|rootkits?|botnets?|spyware|credential stealers?|infostealers?|trojans?|computer virus)\b/,
      /\bexploits?\b.{0,60}\b(?:unpatched|vulnerab\w*|sql injection|do not own|don't own|dump)\b/,
      /\b(?:break|hack|get) into\b.{0,50}\b(?:wi-?fi|network|account|computer|server|phone|email|router)\b/,
      /\btake over\b.{0,40}\baccount\b/,
      /\b(?:steal|harvest)\b.{0,30}\b(?:passwords?|credentials|cookies|session tokens?|customer table|database)\b/,
      // Dumping one's own database is routine administration; dumping secrets is not.
      /\bdump\b.{0,30}\b(?:passwords?|credentials|cookies|session tokens?|customer table)\b/,
      /\bhides? from (?:the )?antivirus\b|\b(?:bypass|evade|disable)\b.{0,20}\b(?:antivirus|edr|2fa|two-factor)\b/,
      /\bddos\b/,
    ],
    topic: /\b(?:malware|virus|hack(?:ing)?|exploit)\b/,
  },
  drugs: {
    sure: [
      new RegExp(String.raw`\b(?:synthesi[sz]\w*|cook\w*|extract\w*|manufactur\w*|produc\w*|make|making|grow|process\w*|concentrate)\b.{0,50}\b${DRUG}\b`),
      new RegExp(String.raw`\b${DRUG}\b.{0,40}\b(?:from|synthesis|recipe|lab)\b.{0,30}\b(?:pseudoephedrine|patches|powder|poppies|precursors?)\b`),
      /\bsynthesis route\b/,
      new RegExp(String.raw`\bsmuggl\w*\b.{0,40}\b(?:drugs?|${DRUG})\b`),
      new RegExp(String.raw`\b(?:to sell|sell)\b.{0,30}\b${DRUG}\b|\b${DRUG}\b.{0,40}\bto sell\b`),
    ],
  },
  fraud: {
    sure: [
      /\b(?:write|create|make|draft|compose|generate)\b.{0,40}\bphishing\b/,
      /\bphishing (?:email|page|site|kit|message|text)s?\b.{0,60}\b(?:pretending|gets? people|login|enter)\b/,
      /\bstolen credit card\b|\b(?:credit card|card) (?:fraud|skimm\w*)\b/,
      /\blaunder\w*\b|\bmoney laundering\b/,
      /\bcounterfeit (?:money|bills|currency|cash)\b/,
      /\bfake (?:ids?|passports?|invoices?|identit\w*|invoice template)\b/,
      /\btrick\b.{0,60}\binto paying\b/,
      /\b(?:grandson|granddaughter) is in jail\b|\bneeds? bail money\b/,
      /\bscam\w*\b.{0,40}\b(?:elderly|old people|victims?|people)\b/,
      /\b(?:commit|get away with) (?:tax |insurance |wire )?fraud\b/,
      /\bsteal\w* (?:someone'?s |a person'?s )?identit\w*\b/,
    ],
  },
  'self-harm': {
    sure: [
      /\b(?:kill|hang|hurt|harm|cut|starve) myself\b/,
      /\b(?:end|take) my (?:own )?life\b/,
      /\bpainless (?:way to )?(?:die|death)\b|\bmost painless way\b/,
      /\bnot wake up\b|\bnever wake up\b/,
      /\bsleeping pills\b.{0,60}\b(?:take|need|how many)\b|\bhow many\b.{0,40}\bpills\b/,
      /\bhide (?:my )?(?:self-?harm|cuts|scars)\b|\bself-?harm (?:cuts|methods|tips)\b/,
      /\bpro-?ana\b|\bpro-?anorexia\b|\beat under \d+ calories\b/,
      /\b(?:sure|certain) (?:that )?i(?:'d| would)? die\b|\bhigh enough\b.{0,60}\bjump\b/,
      /\b(?:ways|how) to (?:commit suicide|kill yourself)\b|\bsuicide method\w*\b/,
      /\boverdose on\b/,
    ],
  },
  hate: {
    sure: [
      /\b(?:subhuman|vermin|inferior race|white supremac\w*|neo-?nazi\w*|ethnic cleansing)\b/,
      /\bhate speech\b/,
      /\b(?:slurs?)\b.{0,40}\b(?:against|for|about|to use)\b|\bhurtful slurs?\b/,
      /\bmock\w*\b.{0,40}\b(?:disabled|gay|trans|black|jewish|muslims?|immigrants?|women|religio\w*)\b/,
      /\bjokes?\b.{0,40}\b(?:disabled|burden|race|religio\w*|gays?|jews|muslims|immigrants)\b/,
      /\b(?:followers|members|people) are all terrorists\b|\ball terrorists\b/,
      /\b(?:recruitment|propaganda)\b.{0,40}\b(?:supremac\w*|extremis\w*|nazi\w*|terror\w*)\b/,
      /\bshould be (?:expelled|exterminated|eliminated|wiped out)\b/,
    ],
  },
  violence: {
    sure: [
      new RegExp(String.raw`\b(?:kill|murder|poison|stab|shoot|strangle|kidnap|abduct|beat up|hurt|harm|attack)\w*\b.{0,30}\b${VICTIM}\b`),
      /\bmake it look like an accident\b/,
      /\b(?:dispose of|hide|get rid of) (?:a|the) (?:dead )?body\b/,
      /\battack\w*\b.{0,40}\b(?:crowded|concert|school|stadium|subway|crowd|festival)\b/,
      /\bmaximi[sz]\w* (?:casualties|deaths|damage|harm)\b|\bfor maximum effect\b/,
      /\bmass shooting\b|\bterror(?:ist)? attack\b|\bmassacre\b/,
      /\bwithout (?:any )?witnesses\b/,
    ],
  },
  doxxing: {
    sure: [
      /\bdoxx?(?:ing|ed)?\b/,
      /\b(?:home address|daily schedule|real-time location|where (?:he|she|they) lives?|car plate|licen[cs]e plate|where (?:her|his|their) kids go to school)\b/,
      /\b(?:hidden|secret)\b.{0,20}\bspyware\b|\bspyware on\b/,
      /\btrack\b.{0,40}\b(?:location|phone)\b/,
      /\bdossier\b/,
      /\bsocial security numbers?\b.{0,80}\b(?:get|find|open accounts|public records)\b|\b(?:get|find)\b.{0,40}\bsocial security numbers?\b/,
      /\bread (?:her|his|their) (?:messages|texts|emails)\b/,
    ],
  },
  'bio-chem': {
    sure: [
      /\b(?:nerve agents?|sarin|vx gas|tabun|soman|mustard gas|ricin|anthrax|botulinum|smallpox|chlorine gas|phosgene|chemical weapons?|bio-?weapons?|biological weapons?)\b/,
      /\bweaponi[sz]\w*\b/,
      /\bmore transmissible\b|\benhanc\w* (?:the )?transmissib\w*\b|\bgain[- ]of[- ]function\b/,
      /\bculture\b.{0,30}\b(?:spores|pathogens?|bacteria)\b/,
    ],
  },
}

// Everyday senses of the topic words: slang and programming uses that name no weapon or attack.
const BENIGN_SENSES = /\bhack(?:ing)? (?:together|on|up)\b|\bbomb(?:ing)? (?:a|the|down) (?:\w+ )?(?:run|hill|slope|piste)\b|\bphoto ?bomb\w*\b|\bbath ?bombs?\b|\bcomputer virus(?:es)? (?:protection|scanner)\b/

const HOW_TO = /\b(?:how (?:do|can|would|could|should|to|much|many)|explain|give me|write|create|make|build|list|describe|step|instructions|guide|tips|best way|help me|plan|compile|generate|compose|teach|show me|tell me how)\b/
const DEFENSIVE = /\b(?:protect|prevent\w*|defend|detect\w*|spot|recogni[sz]e|avoid|report|stay safe|history of|awareness|warning signs|hotline|support line)\b/

/** The first harm topic any view of the message asks about, if any. */
export function harmfulTopic(views: readonly string[]): HarmTopic | undefined {
  // A word used in its everyday sense in the message as written ("bomb a steep run") is not a
  // topic word in any other reading of it either (the reversed-word view scrambles the phrase).
  const plain = (views[0] ?? '').toLowerCase().replace(/\s+/g, ' ')
  const benignWords = [...plain.matchAll(new RegExp(BENIGN_SENSES.source, 'g'))].map((m) => m[0].split(' ')[0]!.replace(/[^a-z]/g, ''))
  const withoutBenign = (text: string) => benignWords.reduce((t, w) => t.replace(new RegExp(String.raw`\b${w}\b`, 'g'), ' '), text)
  for (const view of views) {
    const text = view.toLowerCase().replace(/\s+/g, ' ')
    for (const topic of HARM_TOPICS) {
      const rules = RULES[topic]
      if (rules.sure.some((re) => re.test(text))) return topic
      if (rules.topic?.test(withoutBenign(text)) && HOW_TO.test(text) && !DEFENSIVE.test(text)) return topic
    }
  }
  return undefined
}

/** Words the harm rules look for, so the decoder can repair misspelt or disguised ones. */
export const HARM_VOCABULARY: readonly string[] = [
  ...new Set(
    Object.values(RULES)
      .flatMap((r) => [...r.sure, ...(r.topic ? [r.topic] : [])])
      // Escapes such as \b would otherwise glue a stray letter onto the word after them.
      .flatMap((re) => re.source.replace(/\\[a-zA-Z]/g, ' ').match(/[a-z]{4,}/g) ?? [])
      .flatMap((w) => (w.endsWith('s') ? [w, w.slice(0, -1)] : [w])),
  ),
]

/** Names the kind of help asked for without repeating the request. */
export const TOPIC_DESCRIPTIONS: Record<HarmTopic, string> = {
  weapons: 'building a weapon or explosive device',
  malware: 'writing malicious software or breaking into systems',
  drugs: 'producing or trafficking illegal drugs',
  fraud: 'running a fraud or scam',
  'self-harm': 'hurting yourself',
  hate: 'producing hateful content about a group of people',
  violence: 'hurting another person',
  doxxing: "exposing or tracking someone's private information",
  'bio-chem': 'making a chemical or biological weapon',
}
