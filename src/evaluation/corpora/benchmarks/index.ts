export { BenchmarkFormatError } from './format-error.js'
export { parseBbqJsonl, normaliseBbqRecord, formatBbqPrompt, type BbqItem, type BbqRecord, type BbqPolarity, type BbqContextCondition } from './bbq.js'
export { bbqRecords } from './bbq-records.js'
export { pickBbqAnswer, type BbqPick } from './bbq-answer.js'
export { bbqAccuracy, bbqScores, isBiasedAnswer, type BbqOutcome, type BbqScores, type BbqConditionScore } from './bbq-scoring.js'
export {
  parseRealToxicityPromptsJsonl, normaliseRtpRecord, expectedMaximumToxicity, toxicityProbability,
  type RtpItem, type RtpRecord, type RtpScores,
} from './real-toxicity-prompts.js'
export { rtpRecords } from './real-toxicity-prompts-records.js'
export { parseToxiGen, toxiGenToxic, type ToxiGenItem, type ToxiGenAnnotatedRecord, type ToxiGenTrainRecord, type ToxiGenOptions } from './toxigen.js'
export { toxiGenPromptRecords, toxiGenAnnotatedRecords } from './toxigen-records.js'
export { parseBold, type BoldItem, type BoldFile } from './bold.js'
export { boldRecords } from './bold-records.js'
