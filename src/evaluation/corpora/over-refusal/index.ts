export { OVER_REFUSAL_CATEGORIES, safePrompts, type OverRefusalCategory, type SafePrompt } from './safe-prompts.js'
