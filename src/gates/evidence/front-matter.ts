import { parseDocument } from 'yaml'
import { EvidenceError } from './errors.js'

export interface FrontMatterSplit {
  frontMatter: Record<string, unknown>
  body: string
}

// A hostile card could use YAML anchors to build an exponentially large object; a real
// model card has no reason to reuse more than a handful of nodes.
const MAX_ALIAS_COUNT = 50

const OPENING = /^---[ \t]*$/
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/

/**
 * Separates Jekyll/Hugging Face style front matter (a YAML block between "---" lines at the
 * very top) from the Markdown body. A card without front matter yields an empty mapping.
 */
export function splitFrontMatter(markdown: string): FrontMatterSplit {
  const text = markdown.startsWith('\uFEFF') ? markdown.slice(1) : markdown
  const lines = text.split(/\r?\n/)
  if (!OPENING.test(lines[0] ?? '')) return { frontMatter: {}, body: text }

  const close = lines.findIndex((line, index) => index > 0 && CLOSING.test(line))
  if (close === -1) {
    throw new EvidenceError(
      'Model card front matter starts with "---" on line 1 but is never closed. ' +
        'Add a line containing only "---" after the last metadata key.',
    )
  }
  const yamlText = lines.slice(1, close).join('\n')
  return { frontMatter: parseYamlMapping(yamlText), body: lines.slice(close + 1).join('\n') }
}

function parseYamlMapping(yamlText: string): Record<string, unknown> {
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true })
  const [error] = document.errors
  if (error !== undefined) {
    // +2: line numbers in the card, counting the opening "---".
    const line = yamlText.slice(0, error.pos[0]).split('\n').length + 1
    throw new EvidenceError(`Model card front matter is not valid YAML (card line ${line}): ${error.message}.`)
  }
  let value: unknown
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new EvidenceError(`Model card front matter could not be read: ${reason}. Remove YAML anchors and aliases.`)
  }
  if (value === null || value === undefined) return {}
  if (typeof value !== 'object' || Array.isArray(value)) {
    const found = Array.isArray(value) ? 'a list' : `a ${typeof value}`
    throw new EvidenceError(`Model card front matter must be a YAML mapping of "key: value" lines, but it is ${found}.`)
  }
  return value as Record<string, unknown>
}
