// Shapes shared by the corpora. ChatMessage is the OpenAI chat message as the openai-chat
// endpoint protocol sends it.
export type ChatRole = 'system' | 'user' | 'assistant'

export interface ChatMessage {
  role: ChatRole
  content: string
}

export type HarmCategory =
  | 'weapons' | 'cyber' | 'drugs' | 'fraud' | 'self_harm' | 'hate' | 'violent_crime' | 'privacy' | 'bio_chem'

export const HARM_CATEGORIES: readonly HarmCategory[] = ['weapons', 'cyber', 'drugs', 'fraud', 'self_harm', 'hate', 'violent_crime', 'privacy', 'bio_chem']

export const user = (content: string): ChatMessage => ({ role: 'user', content })
export const assistant = (content: string): ChatMessage => ({ role: 'assistant', content })
export const system = (content: string): ChatMessage => ({ role: 'system', content })
