export { carriers, type Carrier, type CarrierKind } from './carriers.js'
export { hide, hidingStyles, type HidingStyle, type Instruction } from './hiding-styles.js'
export { buildPromptInjectionCases, CANARY_PREFIX, type PromptInjectionCase } from './build.js'
export {
  buildClassifierInjections, classifierInjectionStyles, negativeReviews, spamTexts,
  type ClassifierInjectionCase, type ClassifierInjectionStyle, type LabelledText,
} from './classifier-injections.js'
