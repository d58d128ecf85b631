import { createRequire } from 'node:module'
import type { Featuriser } from './features.js'
import type { Label } from './corpus.js'

// The package ships no types; this is the part of its API the samples use.
interface WinkClassifier {
  definePrepTasks(tasks: Array<(input: string) => string[]>): number
  defineConfig(config: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean
  learn(input: string, label: string): boolean
  consolidate(): boolean
  predict(input: string): string
  computeOdds(input: string): Array<[string, number]>
}

const require = createRequire(import.meta.url)
const createWinkClassifier = require('wink-naive-bayes-text-classifier') as () => WinkClassifier

export interface Example {
  text: string
  label: Label
}

export interface TrainOptions {
  featurise: Featuriser
  smoothingFactor?: number
}

export interface TextClassifier {
  predict(text: string): Label
  /** log2 odds of spam over ham; positive means spam. */
  spamOdds(text: string): number
  readonly trainedOn: number
}

export function trainNaiveBayes(examples: readonly Example[], opts: TrainOptions): TextClassifier {
  const wink = createWinkClassifier()
  wink.definePrepTasks([opts.featurise])
  wink.defineConfig({ considerOnlyPresence: true, smoothingFactor: opts.smoothingFactor ?? 0.5 })
  for (const example of examples) wink.learn(example.text, example.label)
  wink.consolidate()

  const spamOdds = (text: string): number => {
    const odds = wink.computeOdds(text)
    const spam = odds.find(([label]) => label === 'spam')
    return spam ? spam[1] : 0
  }
  return {
    // The library answers `unknown` when no token of the message was ever seen; a mail filter
    // that cannot tell delivers the message rather than hiding it.
    predict: (text) => (wink.predict(text) === 'spam' ? 'spam' : 'ham'),
    spamOdds,
    trainedOn: examples.length,
  }
}
