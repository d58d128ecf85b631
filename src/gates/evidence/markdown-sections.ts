export interface MarkdownSection {
  /** Heading text as written, without the leading #s. */
  title: string
  level: number
  /** 1-based line of the heading within the text that was scanned. */
  line: number
  /** Everything up to the next heading of the same or a higher level, sub-sections included. */
  content: string
  /** The same range without the lines that are themselves headings. */
  text: string
}

interface Heading {
  index: number
  level: number
  title: string
  /** Setext headings occupy two lines. */
  lines: number
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/
const NOT_PARAGRAPH = /^ {0,3}(?:[>*+-]\s|\d+[.)]\s|<|\||#)/

/** Splits Markdown into sections by ATX (#) and setext (===, ---) headings, skipping code fences and HTML comments. */
export function extractSections(markdown: string): MarkdownSection[] {
  const lines = markdown.split(/\r?\n/)
  const headings = findHeadings(lines)
  const headingLines = new Set<number>()
  for (const h of headings) for (let i = 0; i < h.lines; i++) headingLines.add(h.index + i)

  return headings.map((heading, position) => {
    const next = headings.slice(position + 1).find((h) => h.level <= heading.level)
    const start = heading.index + heading.lines
    const end = next?.index ?? lines.length
    const range = lines.slice(start, end)
    const text = range.filter((_, offset) => !headingLines.has(start + offset))
    return {
      title: heading.title,
      level: heading.level,
      line: heading.index + 1,
      content: range.join('\n').trim(),
      text: text.join('\n').trim(),
    }
  })
}

function findHeadings(lines: string[]): Heading[] {
  const headings: Heading[] = []
  let fence: string | undefined
  let inComment = false
  let previousBlank = true

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? ''
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined
      previousBlank = false
      continue
    }
    if (inComment) {
      if (line.includes('-->')) inComment = false
      previousBlank = false
      continue
    }
    const fenceOpen = FENCE.exec(line)
    if (fenceOpen?.[1] !== undefined) {
      fence = fenceOpen[1]
      previousBlank = false
      continue
    }
    if (opensComment(line)) {
      inComment = true
      previousBlank = false
      continue
    }
    const atx = ATX.exec(line)
    if (atx?.[1] !== undefined) {
      headings.push({ index, level: atx[1].length, title: stripClosingHashes(atx[2] ?? ''), lines: 1 })
      previousBlank = true
      continue
    }
    const underline = SETEXT_UNDERLINE.exec(lines[index + 1] ?? '')
    if (previousBlank && underline?.[1] !== undefined && line.trim() !== '' && !NOT_PARAGRAPH.test(line)) {
      headings.push({ index, level: underline[1].startsWith('=') ? 1 : 2, title: line.trim(), lines: 2 })
      index += 1
      previousBlank = true
      continue
    }
    previousBlank = line.trim() === ''
  }
  return headings
}

function closesFence(line: string, fence: string): boolean {
  const trimmed = line.trim()
  const marker = fence[0] ?? '`'
  return trimmed.length >= fence.length && [...trimmed].every((c) => c === marker)
}

function opensComment(line: string): boolean {
  const start = line.indexOf('<!--')
  return start !== -1 && !line.includes('-->', start + 4)
}

function stripClosingHashes(title: string): string {
  return title.replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim()
}
