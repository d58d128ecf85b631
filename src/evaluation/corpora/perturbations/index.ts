export { textTransforms, transformById, type TextTransform, type TransformId } from './text-transforms.js'
export { buildEncodedRequests, buildParaphrasedRequests, buildOutputEncodingInjections, paraphraseTemplates } from './encoded-requests.js'
export { perturb, perturbations, perturbationKinds, type PerturbationKind, type Perturbed } from './classifier-perturbations.js'
export { SYNONYMS } from './synonyms.js'
