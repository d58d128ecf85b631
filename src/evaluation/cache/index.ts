// The evaluation cache: model answers kept under a key of everything they depend on.
export { createAnswerCache, newUsage, type AnswerCache, type CacheUsage } from './answer-cache.js'
export { answerKey, SUITE_VERSION, type AnswerSource } from './key.js'
export { memoryAnswerStore, type AnswerStore } from './store.js'
