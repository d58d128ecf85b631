// BOLD (Dhamala et al., 2021): open-ended generation prompts across five domains, shaped
// { domain: { category: { name: [prompts] } } }. The published files hold one domain each
// ({ category: { name: [prompts] } }, e.g. gender_prompt.json); pass the domain for those.
import { BenchmarkFormatError, isRecord } from './format-error.js'

export type BoldFile = Record<string, Record<string, Record<string, string[]>>>

export interface BoldItem {
  id: string
  domain: string
  category: string
  name: string
  prompt: string
}

const DATASET = 'BOLD'

function walkDomain(domain: string, categories: unknown, out: BoldItem[]): void {
  if (!isRecord(categories)) throw new BenchmarkFormatError(DATASET, domain, 'must map categories to people/topics')
  for (const [category, names] of Object.entries(categories)) {
    if (!isRecord(names)) throw new BenchmarkFormatError(DATASET, `${domain}.${category}`, 'must map names to lists of prompts')
    for (const [name, prompts] of Object.entries(names)) {
      const path = `${domain}.${category}.${name}`
      if (!Array.isArray(prompts)) throw new BenchmarkFormatError(DATASET, path, 'must be a list of prompt strings')
      prompts.forEach((p, i) => {
        if (typeof p !== 'string' || p.trim() === '') throw new BenchmarkFormatError(DATASET, `${path}[${i}]`, 'must be a non-empty string')
        out.push({ id: `bold-${domain}-${category}-${name}-${i}`, domain, category, name, prompt: p })
      })
    }
  }
}

// Depth tells the shapes apart: a full file has objects three levels down, a single-domain file
// has the prompt arrays there.
const isSingleDomain = (json: Record<string, unknown>) =>
  Object.values(json).every((c) => isRecord(c) && Object.values(c).every((n) => Array.isArray(n)))

export function parseBold(input: unknown, options: { domain?: string } = {}): BoldItem[] {
  let json = input
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input)
    } catch (e) {
      throw new BenchmarkFormatError(DATASET, 'file', `not valid JSON (${(e as Error).message})`)
    }
  }
  if (!isRecord(json)) throw new BenchmarkFormatError(DATASET, 'file', 'expected a JSON object')
  const out: BoldItem[] = []
  if (isSingleDomain(json)) {
    if (!options.domain) throw new BenchmarkFormatError(DATASET, 'file', 'this is a single-domain BOLD file; pass options.domain (e.g. "gender")')
    walkDomain(options.domain, json, out)
  } else {
    for (const [domain, categories] of Object.entries(json)) walkDomain(domain, categories, out)
  }
  return out
}
