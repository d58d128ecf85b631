import { EvidenceError } from './errors.js'
import { splitFrontMatter } from './front-matter.js'
import { headingMatches, headingWords } from './heading-match.js'
import { extractSections, type MarkdownSection } from './markdown-sections.js'
import { isBlankOrPlaceholder } from './placeholder.js'

export interface ModelCardRequirements {
  /** Front-matter keys; matched ignoring case, underscores, hyphens and spaces. */
  metadata: string[]
  /** Section headings; matched by words at any heading level (see heading-match.ts). */
  sections: string[]
}

export interface ModelCardEvaluation {
  frontMatter: Record<string, unknown>
  /** Requirements that are filled in, e.g. "metadata 'version'", "section 'Limitations'". */
  present: string[]
  /** Requirements with no key or heading at all. */
  missing: string[]
  /** Requirements whose key or section exists but holds nothing, or only template filler. */
  empty: string[]
  passed: boolean
}

export interface ParsedModelCard {
  frontMatter: Record<string, unknown>
  sections: MarkdownSection[]
}

export const DEFAULT_MODEL_CARD_REQUIREMENTS: Readonly<ModelCardRequirements> = Object.freeze({
  metadata: ['model_name', 'version', 'license', 'owners'],
  sections: ['Intended Use', 'Limitations', 'Training Data', 'Evaluation Results', 'Ethical Considerations'],
})

// Licence and ownership are often written as prose ("## License" with the full terms, or an
// "## Owners" list with on-call rotations), so either the front-matter key or a section of
// this name satisfies the metadata requirement. When neither is filled in but one of them
// exists, the requirement is reported as empty rather than missing.
const METADATA_SECTION_ALTERNATIVES: ReadonlyMap<string, string> = new Map([
  ['license', 'License'],
  ['owners', 'Owners'],
])

// Model cards are hand-written documents; anything this large is not one.
export const MAX_MODEL_CARD_CHARS = 2 * 1024 * 1024

type Status = 'present' | 'missing' | 'empty'

export function parseModelCard(markdown: string): ParsedModelCard {
  if (typeof markdown !== 'string') {
    throw new EvidenceError('Model card must be Markdown text.')
  }
  if (markdown.length > MAX_MODEL_CARD_CHARS) {
    throw new EvidenceError(
      `Model card is ${markdown.length} characters, above the ${MAX_MODEL_CARD_CHARS} limit. ` +
        'Link large tables or appendices instead of inlining them.',
    )
  }
  const { frontMatter, body } = splitFrontMatter(markdown)
  return { frontMatter, sections: extractSections(body) }
}

export function evaluateModelCard(
  card: string | ParsedModelCard,
  requirements: ModelCardRequirements = DEFAULT_MODEL_CARD_REQUIREMENTS,
): ModelCardEvaluation {
  const parsed = resolveCard(card)
  const evaluation: ModelCardEvaluation = { frontMatter: parsed.frontMatter, present: [], missing: [], empty: [], passed: false }

  for (const key of requirements.metadata) {
    const label = `metadata '${key}'`
    const alternative = METADATA_SECTION_ALTERNATIVES.get(normaliseKey(key))
    const status = best([
      metadataStatus(parsed.frontMatter, key),
      alternative === undefined ? 'missing' : sectionStatus(parsed.sections, alternative),
    ])
    evaluation[status].push(label)
  }
  for (const title of requirements.sections) {
    evaluation[sectionStatus(parsed.sections, title)].push(`section '${title}'`)
  }
  evaluation.passed = evaluation.missing.length === 0 && evaluation.empty.length === 0
  return evaluation
}

// Used by the compliance rules: a card that says nothing about personal data cannot be
// promoted to environments that receive user traffic.
const DATA_HANDLING_SECTIONS = ['Data Handling', 'Privacy', 'PII', 'Personal Data', 'Data Protection']
const MAX_METADATA_DEPTH = 4

/**
 * True when the card declares how it handles data: a filled-in front-matter key about data
 * handling, PII or privacy (at any nesting depth up to four, so a `compliance:` block
 * counts; `pii: false` is a declaration too), or a non-empty section such as "Data
 * Handling", "Privacy" or "PII".
 */
export function declaresDataHandling(card: string | ParsedModelCard): boolean {
  const parsed = resolveCard(card)
  if (hasDataHandlingKey(parsed.frontMatter, 0)) return true
  return DATA_HANDLING_SECTIONS.some((title) => sectionStatus(parsed.sections, title) === 'present')
}

function resolveCard(card: string | ParsedModelCard): ParsedModelCard {
  if (typeof card === 'string') return parseModelCard(card)
  if (typeof card === 'object' && card !== null && Array.isArray(card.sections) && typeof card.frontMatter === 'object') {
    return card
  }
  throw new EvidenceError('Model card must be Markdown text.')
}

function hasDataHandlingKey(value: unknown, depth: number): boolean {
  if (depth > MAX_METADATA_DEPTH || typeof value !== 'object' || value === null) return false
  const entries = Array.isArray(value) ? value.map((item) => [undefined, item] as const) : Object.entries(value)
  return entries.some(([key, child]) => {
    if (key !== undefined && isDataHandlingKey(key) && !isEmptyValue(child)) return true
    return hasDataHandlingKey(child, depth + 1)
  })
}

function isDataHandlingKey(key: string): boolean {
  const words = headingWords(key.replace(/([a-z])([A-Z])/g, '$1 $2'))
  const phrase = ` ${words.join(' ')} `
  return (
    words.includes('pii') ||
    words.includes('privacy') ||
    phrase.includes(' data handling ') ||
    phrase.includes(' personal data ') ||
    phrase.includes(' data protection ')
  )
}

function metadataStatus(frontMatter: Record<string, unknown>, key: string): Status {
  const wanted = normaliseKey(key)
  const matches = Object.entries(frontMatter).filter(([candidate]) => normaliseKey(candidate) === wanted)
  if (matches.length === 0) return 'missing'
  return matches.some(([, value]) => !isEmptyValue(value)) ? 'present' : 'empty'
}

function sectionStatus(sections: MarkdownSection[], title: string): Status {
  const matches = sections.filter((section) => headingMatches(section.title, title))
  if (matches.length === 0) return 'missing'
  return matches.some((section) => !isBlankOrPlaceholder(section.text)) ? 'present' : 'empty'
}

function best(statuses: Status[]): Status {
  if (statuses.includes('present')) return 'present'
  return statuses.includes('empty') ? 'empty' : 'missing'
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[\s_-]+/g, '')
}

// Placeholder strings ("TBD", "<fill in>") count as empty here too: `license: TBD` is no
// more a licence than a blank one.
function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true
  if (typeof value === 'string') return isBlankOrPlaceholder(value)
  if (Array.isArray(value)) return value.every(isEmptyValue)
  if (typeof value === 'object') return Object.values(value).every(isEmptyValue)
  return false
}
