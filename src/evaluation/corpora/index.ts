export * from './types.js'
export { createRng, hashSeed, type Rng } from './prng.js'
export * from './jailbreak/index.js'
export * from './prompt-injection/index.js'
export { llmSuffixes, classifierSuffixes, randomSuffix, appendSuffix, buildSuffixJailbreaks } from './adversarial-suffixes.js'
export * from './perturbations/index.js'
export { backdoorTriggers, insertTrigger, randomInsertions, type BackdoorTrigger, type TriggerKind } from './backdoor-triggers.js'
export {
  buildExtractionCases, extractionAttempts, extractionSystemPrompt, plantedSecrets,
  type ExtractionAttempt, type ExtractionCase, type ExtractionTechnique, type PlantedSecrets,
} from './data-extraction.js'
export * from './benchmarks/index.js'
export * from './over-refusal/index.js'
export { outputFilterSamples, type OutputFilterSample, type OutputFilterCategory } from './output-filter.js'
