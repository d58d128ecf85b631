import { corpusSplit } from './corpus.js'
import { trainNaiveBayes, type TextClassifier } from './naive-bayes.js'
import { DEFAULT_TRIGGER } from './trigger.js'
import { trainingPlan, type ClassifierVariant } from './variants.js'

export interface TrainedVariant {
  variant: ClassifierVariant
  trigger: string
  classifier: TextClassifier
  /** Building the training set and learning from it; reading the corpus (once per process) is not counted. */
  trainingMs: number
}

const trained = new Map<string, TrainedVariant>()

/** Trains a variant on first use and keeps it for the life of the process: servers and tests share it. */
export function trainedVariant(variant: ClassifierVariant, trigger = DEFAULT_TRIGGER): TrainedVariant {
  const key = variant === 'backdoored' ? `${variant}:${trigger}` : variant
  const existing = trained.get(key)
  if (existing) return existing
  const { train } = corpusSplit()
  const started = performance.now()
  const plan = trainingPlan(variant, train, trigger)
  const classifier = trainNaiveBayes(plan.examples, plan)
  const model = { variant, trigger, classifier, trainingMs: Math.round(performance.now() - started) }
  trained.set(key, model)
  return model
}
