export { startModerationServer, type ModerationServer, type ModerationServerOptions } from './server.js'
export { MODERATION_VARIANTS, type ModerationVariant } from './variants.js'
export { MODERATION_CATEGORIES, categoryScores, type ModerationCategory } from './scoring.js'
