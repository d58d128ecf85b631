import type { ChatMessage } from './responder.js'

// "Continue.", "Please answer the question fully this time": a message that only pushes on
// the previous request. It is judged together with the user turns before it, or a refusal
// could be talked round one harmless-looking message at a time.

const FOLLOW_UP = /^\W*(?:continue|go on|keep going|and\??|more|finish it|the whole thing)\W*$|\b(?:answer (?:it|the question|my question)|the question (?:fully|again)|this time|as i asked|same (?:question|thing)|tell me anyway|please answer|you misunderstood|do it anyway)\b/i

export function conversationSubject(messages: readonly ChatMessage[]): string {
  const users = messages.filter((m) => m.role === 'user').map((m) => m.content)
  const last = users.at(-1) ?? ''
  return FOLLOW_UP.test(last) ? users.join('\n') : last
}
