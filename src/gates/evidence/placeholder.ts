// Templates leave tell-tale filler behind; a section or value made only of it has not been
// written yet. Comparisons use the "normalised" form: lower case, runs of anything other
// than letters and digits collapsed to one space.
const PLACEHOLDER_PHRASES = new Set([
  'tbd',
  'tbc',
  'tba',
  'todo',
  'to do',
  'fixme',
  'xxx',
  'n a',
  'na',
  'placeholder',
  'fill in',
  'fill me in',
  'fill this in',
  'insert here',
  'to be determined',
  'to be decided',
  'to be added',
  'to be completed',
  'to be confirmed',
  'to be written',
  'coming soon',
  'more information needed',
  'more info needed',
  'needs more information',
])

// "TODO: describe the training data" is still a placeholder, whatever follows the marker.
const MARKER_PREFIX = /^(?:todo|tbd|tbc|tba|fixme|xxx)\s*[:\-–—]/i
// <fill in>, <model description>; but not real HTML such as <img src="...">.
const ANGLE_PLACEHOLDER = /^<[^<>=]*>$/
// Jinja/Handlebars variables left by card generators: {{ model_summary | default("", true) }}
const TEMPLATE_VARIABLE = /^\{\{.*\}\}$/
const BRACKETED = /^\[([^\]]*)\]$/
const LIST_OR_QUOTE_MARKER = /^(?:[>*+-]|\d+[.)])\s+/

export function normalisePhrase(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
}

/** True when the text, once HTML comments are removed, holds nothing but blanks and filler. */
export function isBlankOrPlaceholder(text: string): boolean {
  const withoutComments = text.replace(/<!--[\s\S]*?(?:-->|$)/g, '')
  return withoutComments.split(/\r?\n/).every((line) => isFillerLine(line))
}

function isFillerLine(rawLine: string): boolean {
  let line = rawLine.trim()
  while (LIST_OR_QUOTE_MARKER.test(line)) line = line.replace(LIST_OR_QUOTE_MARKER, '').trim()
  line = line.replace(/^[*_~`]+|[*_~`]+$/g, '').trim()

  if (normalisePhrase(line) === '') return true
  if (ANGLE_PLACEHOLDER.test(line) || TEMPLATE_VARIABLE.test(line) || MARKER_PREFIX.test(line)) return true
  const bracketed = BRACKETED.exec(line)?.[1]
  const phrase = normalisePhrase(bracketed ?? line)
  return PLACEHOLDER_PHRASES.has(phrase) || phrase.startsWith('lorem ipsum')
}
