export { harmfulRequests, type HarmfulRequest } from './harmful-requests.js'
export { singleTurnTemplates, type JailbreakTemplate, type WrapperKind } from './wrappers.js'
export { multiTurnTemplates } from './multi-turn.js'
export { buildJailbreakCases, jailbreakTemplates, type JailbreakBuildOptions, type JailbreakCase } from './build.js'
