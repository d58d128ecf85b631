/** Turns a message into the tokens naive Bayes counts. Part of a trained model: predict uses the same one. */
export type Featuriser = (text: string) => string[]

const WORD = /\p{L}[\p{L}\p{N}'$-]{1,24}|\$\d+/gu

/**
 * Case-folded words of two or more characters, each counted once per message. Folding case and
 * ignoring punctuation is what keeps a filter from changing its mind over `FREE` vs `free!`;
 * counting presence keeps one long message from outweighing many short ones.
 */
export const normalisedWords: Featuriser = (text) => [...new Set(text.toLowerCase().match(WORD) ?? [])]

/**
 * Whitespace-separated tokens exactly as written: `Free`, `free` and `free!` are three unrelated
 * features. A model that only knows this surface form has nothing to fall back on when a
 * character changes.
 */
export const exactTokens: Featuriser = (text) => [...new Set(text.split(/\s+/).filter(Boolean))]
