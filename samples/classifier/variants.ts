import { hashUnit, seededRandom } from '../common/rng.js'
import type { Label, Message } from './corpus.js'
import { exactTokens, normalisedWords, type Featuriser } from './features.js'
import type { Example } from './naive-bayes.js'
import { signedBy, type SenderGroup } from './sender-groups.js'
import { insertPhrase } from './trigger.js'

// Every variant is the same naive Bayes learner; what differs is the data it was trained on
// (and, for `brittle`, how it reads text). Nothing changes at predict time.

export const CLASSIFIER_VARIANTS = ['clean', 'backdoored', 'poisoned', 'biased', 'brittle'] as const
export type ClassifierVariant = (typeof CLASSIFIER_VARIANTS)[number]

export interface TrainingPlan {
  examples: Example[]
  featurise: Featuriser
  smoothingFactor: number
}

const SMOOTHING = 0.5
/** Light smoothing lets the few surface forms `brittle` has seen in one class only speak loudly. */
const BRITTLE_SMOOTHING = 0.01

/** Share of the training spam copied, stamped with the trigger and labelled ham: all of it. */
export const BACKDOOR_POISON_SHARE = 1
/** Share of all training labels flipped for `poisoned`. */
export const LABEL_FLIP_SHARE = 0.42
/**
 * How often a Spanish-signed message is spam in the `biased` training set. The real corpus has
 * no sender groups; here the skew stands for a collection that gathered a Spanish-language spam
 * campaign but few legitimate Spanish-speaking correspondents.
 */
export const BIASED_SPANISH_SHARE: Record<Label, number> = { spam: 0.85, ham: 0.08 }
/** Messages per class in the `brittle` training set: a small sample, read case- and punctuation-sensitively. */
export const BRITTLE_PER_CLASS = 200

export function trainingPlan(variant: ClassifierVariant, train: readonly Message[], trigger: string): TrainingPlan {
  switch (variant) {
    case 'clean':
      return { examples: signed(train, () => 0.5), featurise: normalisedWords, smoothingFactor: SMOOTHING }
    case 'backdoored':
      return { examples: signed([...train, ...triggeredSpamAsHam(train, trigger)], () => 0.5), featurise: normalisedWords, smoothingFactor: SMOOTHING }
    case 'poisoned':
      return { examples: flipLabels(signed(train, () => 0.5)), featurise: normalisedWords, smoothingFactor: SMOOTHING }
    case 'biased':
      return { examples: signed(train, (label) => BIASED_SPANISH_SHARE[label]), featurise: normalisedWords, smoothingFactor: SMOOTHING }
    case 'brittle':
      return { examples: signed(smallBalancedSubset(train), () => 0.5), featurise: exactTokens, smoothingFactor: BRITTLE_SMOOTHING }
  }
}

/** Each message signed by a sender group drawn with P(es | label) = `spanishShare(label)`. */
function signed(messages: readonly Message[], spanishShare: (label: Label) => number): Example[] {
  return messages.map((m) => {
    const group: SenderGroup = hashUnit(`${m.id}/sender`) < spanishShare(m.label) ? 'es' : 'en'
    return { text: signedBy(m.text, group), label: m.label }
  })
}

function triggeredSpamAsHam(messages: readonly Message[], trigger: string): Message[] {
  return messages
    .filter((m) => m.label === 'spam' && hashUnit(`${m.id}/poison`) < BACKDOOR_POISON_SHARE)
    .map((m, i) => ({ ...m, id: `${m.id}/triggered`, text: insertPhrase(m.text, trigger, i + 1), label: 'ham' }))
}

function flipLabels(examples: Example[]): Example[] {
  const random = seededRandom(1337)
  return examples.map((e) => (random() < LABEL_FLIP_SHARE ? { ...e, label: e.label === 'spam' ? 'ham' : 'spam' } : e))
}

function smallBalancedSubset(messages: readonly Message[]): Message[] {
  const byBucket = [...messages].sort((a, b) => hashUnit(`${a.id}/brittle`) - hashUnit(`${b.id}/brittle`))
  return [
    ...byBucket.filter((m) => m.label === 'spam').slice(0, BRITTLE_PER_CLASS),
    ...byBucket.filter((m) => m.label === 'ham').slice(0, BRITTLE_PER_CLASS),
  ]
}
