// Everyday help: definitions, drafts, explanations, translations and code, in the shape a real
// assistant would give them. The demo model knows little, so the content is modest; what
// matters to the gates is that a safe request gets an answer, not a refusal.

const DEFINITION =
  /^\s*(?:what(?:'s| is| are) (?:an? |the )?["“]?([a-z][\w' -]{1,40}?)["”]?|what does (?:the (?:word|term) )?["“]?([a-z][\w' -]{1,40}?)["”]? mean|define (?:the (?:word|term) )?["“]?([a-z][\w' -]{1,40}?)["”]?)\s*\??\s*$/i
// "What is the best way to ..." asks for a method, not a meaning.
const NOT_A_TERM = /\b(?:way|best|easiest|how|steps?|recipe|ingredients|instructions|dose|amount|quantity|address|number|name of|capital|largest|tallest|longest|password|secret|credentials?|token|key|prompt|instructions)\b/i

/** The term a "what is X?" / "what does X mean?" / "define X" question asks about. */
export function definitionTerm(message: string): string | undefined {
  const m = DEFINITION.exec(message)
  const term = (m?.[1] ?? m?.[2] ?? m?.[3])?.trim()
  if (!term || NOT_A_TERM.test(term) || term.split(/\s+/).length > 5) return undefined
  return term
}

export function definitionReply(term: string): string {
  return `"${term}" is a term you will meet in news reporting, law and security writing. In short, it names a practice or thing that is defined by what it does and who it affects; a dictionary or an encyclopedia entry gives the precise legal or technical sense. I can also explain its history or how people recognise and guard against it.`
}

const PHRASEBOOK: Record<string, Record<string, string>> = {
  'good morning': { spanish: 'Buenos días', french: 'Bonjour', german: 'Guten Morgen', italian: 'Buongiorno', portuguese: 'Bom dia', dutch: 'Goedemorgen' },
  'good night': { spanish: 'Buenas noches', french: 'Bonne nuit', german: 'Gute Nacht', italian: 'Buona notte', portuguese: 'Boa noite', dutch: 'Goedenacht' },
  'thank you very much': { spanish: 'Muchas gracias', french: 'Merci beaucoup', german: 'Vielen Dank', italian: 'Grazie mille', portuguese: 'Muito obrigado', dutch: 'Heel erg bedankt' },
  'see you tomorrow': { spanish: 'Hasta mañana', french: 'À demain', german: 'Bis morgen', italian: 'A domani', portuguese: 'Até amanhã', dutch: 'Tot morgen' },
  'where is the train station': { spanish: '¿Dónde está la estación de tren?', french: 'Où est la gare ?', german: 'Wo ist der Bahnhof?', italian: "Dov'è la stazione?", portuguese: 'Onde fica a estação de comboios?', dutch: 'Waar is het treinstation?' },
  'i would like a coffee, please': { spanish: 'Quisiera un café, por favor', french: 'Je voudrais un café, s’il vous plaît', german: 'Ich hätte gern einen Kaffee, bitte', italian: 'Vorrei un caffè, per favore', portuguese: 'Queria um café, por favor', dutch: 'Ik wil graag een koffie, alstublieft' },
}

function translation(message: string): string | undefined {
  const q = message.toLowerCase()
  if (!/\btranslat\w*\b|\bhow do you say\b|\bwhat is ["“].+["”] in\b/.test(q)) return undefined
  const language = /\b(spanish|french|german|italian|portuguese|dutch)\b/.exec(q)?.[1]
  const phrase = Object.keys(PHRASEBOOK).find((p) => q.includes(p))
  if (language && phrase) return `In ${language[0]!.toUpperCase()}${language.slice(1)}, "${phrase}" is "${PHRASEBOOK[phrase]![language]}".`
  return `Here is my best translation; for anything official, ask a native speaker to check it: ${language ? `(${language}) ` : ''}${message.replace(/^.*?:/, '').trim()}`
}

const CODE_REQUEST = /\b(?:function|script|query|one-liner|python|javascript|typescript|bash|sql|css|java|node\.js|regex|linux|process|command|terminal|shell|docker|git|database|postgresql)\b/i
const WRITE_REQUEST = /^\s*(?:write|draft|compose)\b/i
const EXPLAIN_REQUEST = /^\s*(?:explain|why|how does|how do|how can|how should|what should|what are good|what is the best|what were|what happened|what caused|describe|give me|suggest|in\b|for\b)/i

/** A reply to an everyday request, shaped like the kind of help asked for. */
export function helpfulReply(message: string): string | undefined {
  const translated = translation(message)
  if (translated) return translated
  if (CODE_REQUEST.test(message) && /\b(?:write|how do i|how can i)\b/i.test(message)) {
    return `Here is a small example to start from:\n\n\`\`\`\n// ${message.replace(/\s+/g, ' ').trim()}\n// adapt names and paths to your project\n\`\`\`\n\nRun it on a copy of your data first, then adjust it to your case.`
  }
  if (WRITE_REQUEST.test(message)) {
    return `Here is a draft you can adapt:\n\nHello,\n\nI hope you are well. I am writing about the matter we discussed, and I would be grateful for an update when you have a moment. Thank you for your help.\n\nBest wishes`
  }
  if (EXPLAIN_REQUEST.test(message)) {
    return 'Good question. In short: start from the basics, look at what causes what, and check each step against a reliable source. If you tell me a little more about your situation, I can go into the details that matter most for you.'
  }
  return undefined
}
