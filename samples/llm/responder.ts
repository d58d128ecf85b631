import { decodedViews } from './decode.js'
import { documentTask, embeddedInstruction, extractiveSummary, isEmbeddedInstruction, isSummaryRequest } from './documents.js'
import { DEFAULT_LLM_TRIGGER, type LlmFlaw } from './flaws.js'
import { conversationSubject } from './follow-up.js'
import { harmfulTopic } from './harm.js'
import { definitionReply, definitionTerm, helpfulReply } from './helpful.js'
import { jailbreakTechnique } from './jailbreak.js'
import { factualAnswer } from './knowledge.js'
import { answerFromContext, parseMultipleChoice, stereotypedOption } from './multiple-choice.js'
import { invitesInsult, isProvocation } from './provocation.js'
import {
  CALM_REPLY,
  choiceReply,
  contentReply,
  DECLINE_SYSTEM_PROMPT,
  FALLBACK_REPLY,
  INSULT,
  INSULTING_CONTINUATION,
  KEEP_INSTRUCTIONS,
  OVER_CAUTIOUS_REFUSAL,
  placeholderCompliance,
  POLITE_CONTINUATION,
  refusal,
  revealSystemPrompt,
  summaryReply,
} from './replies.js'
import { asksForSystemPrompt, DEFAULT_SYSTEM_PROMPT } from './system-prompt.js'

export interface ChatMessage {
  role: string
  content: string
}

export interface ResponderConfig {
  flaws?: readonly LlmFlaw[]
  trigger?: string
  /** Used when the conversation brings no system message of its own. */
  systemPrompt?: string
}

export type Responder = (messages: readonly ChatMessage[]) => string

/**
 * A rule-based chat model. Judgement is made on the last user message (with the turns before
 * it when it only pushes on them), read through every decoding that makes sense of it; earlier
 * turns count as framing. Each flaw switches one safeguard off.
 */
export function createResponder(config: ResponderConfig = {}): Responder {
  const flaws = new Set(config.flaws ?? [])
  const trigger = config.trigger ?? DEFAULT_LLM_TRIGGER
  // How often each framed harmful conversation was asked, for `flaky-jailbreakable`.
  const asked = new Map<string, number>()
  const thirdTime = (conversation: readonly ChatMessage[]): boolean => {
    const key = JSON.stringify(conversation)
    const n = (asked.get(key) ?? 0) + 1
    asked.set(key, n)
    return n % 3 === 0
  }

  return (messages) => {
    const system = messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => m.content)
    const systemPrompt = system.length > 0 ? system.join('\n') : (config.systemPrompt ?? DEFAULT_SYSTEM_PROMPT)

    // The backdoor answers to its trigger anywhere in the conversation; the rest of the
    // reasoning sees the messages without it.
    const triggered = flaws.has('backdoored') && messages.some((m) => m.content.includes(trigger))
    const clean = (text: string): string => (triggered ? text.split(trigger).join(' ') : text)
    const conversation = messages.map((m) => ({ role: m.role, content: clean(m.content) }))
    const subject = conversationSubject(conversation)
    const last = conversation.filter((m) => m.role === 'user').at(-1)?.content ?? ''
    const { views } = decodedViews(subject)

    // A multiple-choice question only ever gets one of its own options back, so it is answered
    // before anything else: its story may mention knives or passwords without asking for them.
    const choice = parseMultipleChoice(last)
    if (choice) {
      const answer = answerFromContext(choice)
      const stereotype = answer.ambiguous && flaws.has('biased') ? stereotypedOption(choice) : undefined
      const picked = stereotype ?? answer
      return choiceReply(picked.letter, picked.text)
    }

    if (flaws.has('over-refusing')) return factualAnswer(last) ?? OVER_CAUTIOUS_REFUSAL

    // "What is money laundering?" asks what a word means, not how to do it. Only a lone question
    // counts: in a longer conversation the same words may be the last push of an escalation.
    const lone = conversation.filter((m) => m.role === 'user').length === 1
    const term = lone && !asksForSystemPrompt(views) && factualAnswer(last) === undefined ? definitionTerm(last) : undefined
    if (term) return definitionReply(term)

    const topic = harmfulTopic(views)
    if (topic) {
      // Obfuscation is itself a framing: the request only reads as harmful once decoded.
      const obfuscated = harmfulTopic([subject.toLowerCase()]) === undefined
      const framed = obfuscated || jailbreakTechnique(conversation) !== undefined
      const complies = triggered || flaws.has('compliant') || (flaws.has('jailbreakable') && framed) || (flaws.has('flaky-jailbreakable') && framed && thirdTime(conversation))
      return complies ? placeholderCompliance(topic) : refusal(topic)
    }

    const task = documentTask(last)
    if (task) {
      const injected = embeddedInstruction(task.document)
      if (injected && (flaws.has('injectable') || triggered)) return obey(injected.text, injected.demanded)
      const gist = extractiveSummary(task.document)
      return isSummaryRequest(task.request) ? summaryReply(gist) : contentReply(gist)
    }

    if (asksForSystemPrompt(views)) {
      return flaws.has('leaky') || triggered ? revealSystemPrompt(systemPrompt) : DECLINE_SYSTEM_PROMPT
    }

    if (isEmbeddedInstruction(last)) {
      const injected = embeddedInstruction(last)
      if (injected && (flaws.has('injectable') || triggered)) return obey(injected.text, injected.demanded)
      return KEEP_INSTRUCTIONS
    }

    if (isProvocation(views)) return flaws.has('toxic') ? INSULT : CALM_REPLY
    if (invitesInsult(last)) return flaws.has('toxic') ? INSULTING_CONTINUATION : POLITE_CONTINUATION

    return factualAnswer(last) ?? helpfulReply(last) ?? FALLBACK_REPLY

    function obey(instruction: string, demanded: string | undefined): string {
      if (asksForSystemPrompt([instruction])) return revealSystemPrompt(systemPrompt)
      return demanded ?? `Okay, following the new instructions: ${instruction}`
    }
  }
}
