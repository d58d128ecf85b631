/**
 * The .npy header is a Python dict literal, which numpy reads with ast.literal_eval. This parses
 * the subset literal_eval accepts that headers use (dicts, tuples, lists, strings, integers,
 * True/False/None) and returns null for anything else rather than guessing.
 */
export type PyLiteral = string | number | boolean | null | PyLiteral[] | { tuple: PyLiteral[] } | Map<string, PyLiteral>

class Parser {
  private at = 0
  constructor(private readonly text: string) {}

  private skip(): void {
    while (this.at < this.text.length && /\s/.test(this.text[this.at] as string)) this.at++
  }

  private peek(): string | undefined {
    this.skip()
    return this.text[this.at]
  }

  parseAll(): PyLiteral | undefined {
    const value = this.value(0)
    this.skip()
    return this.at === this.text.length ? value : undefined
  }

  private value(depth: number): PyLiteral | undefined {
    if (depth > 32) return undefined
    const ch = this.peek()
    if (ch === undefined) return undefined
    if (ch === '{') return this.dict(depth)
    if (ch === '(') {
      const items = this.items(')', depth)
      return items && { tuple: items }
    }
    if (ch === '[') return this.items(']', depth)
    if (ch === "'" || ch === '"') return this.string()
    const word = /^(True|False|None|-?\d+)/.exec(this.text.slice(this.at, this.at + 40))
    if (!word) return undefined
    this.at += word[0].length
    if (word[0] === 'True') return true
    if (word[0] === 'False') return false
    if (word[0] === 'None') return null
    const n = Number(word[0])
    return Number.isSafeInteger(n) ? n : undefined
  }

  private string(): string | undefined {
    const quote = this.text[this.at]
    let out = ''
    this.at++
    while (this.at < this.text.length) {
      const ch = this.text[this.at] as string
      if (ch === quote) {
        this.at++
        return out
      }
      if (ch === '\\') {
        const next = this.text[this.at + 1]
        if (next === undefined) return undefined
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next
        this.at += 2
        continue
      }
      out += ch
      this.at++
    }
    return undefined
  }

  private items(close: string, depth: number): PyLiteral[] | undefined {
    this.at++
    const items: PyLiteral[] = []
    for (;;) {
      if (this.peek() === close) {
        this.at++
        return items
      }
      const item = this.value(depth + 1)
      if (item === undefined) return undefined
      items.push(item)
      const sep = this.peek()
      if (sep === ',') this.at++
      else if (sep !== close) return undefined
    }
  }

  private dict(depth: number): Map<string, PyLiteral> | undefined {
    this.at++
    const map = new Map<string, PyLiteral>()
    for (;;) {
      if (this.peek() === '}') {
        this.at++
        return map
      }
      const key = this.value(depth + 1)
      if (typeof key !== 'string' || this.peek() !== ':') return undefined
      this.at++
      const value = this.value(depth + 1)
      if (value === undefined) return undefined
      map.set(key, value)
      const sep = this.peek()
      if (sep === ',') this.at++
      else if (sep !== '}') return undefined
    }
  }
}

export function parsePyLiteral(text: string): PyLiteral | undefined {
  return new Parser(text).parseAll()
}

export function isTuple(value: PyLiteral | undefined): value is { tuple: PyLiteral[] } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map)
}
