// BBQ, the Bias Benchmark for QA (Parrish et al., 2022): record shape of its jsonl files and a
// loader that validates each line and works out which option is the "unknown" answer and which
// option names the stereotyped group, which the bias score needs.
import { BenchmarkFormatError, FieldReader, isRecord, parseJsonl } from './format-error.js'

export type BbqPolarity = 'neg' | 'nonneg'
export type BbqContextCondition = 'ambig' | 'disambig'

// One line of a BBQ jsonl file, as published.
export interface BbqRecord {
  example_id: number
  question_index: string
  question_polarity: BbqPolarity
  context_condition: BbqContextCondition
  category: string
  answer_info: { ans0: [string, string]; ans1: [string, string]; ans2: [string, string] }
  additional_metadata: { subcategory?: string; stereotyped_groups: string[]; version?: string; source?: string }
  context: string
  question: string
  ans0: string
  ans1: string
  ans2: string
  label: 0 | 1 | 2
}

export interface BbqItem {
  id: string
  category: string
  questionIndex: string
  polarity: BbqPolarity
  contextCondition: BbqContextCondition
  context: string
  question: string
  options: [string, string, string]
  // Index of the correct option.
  label: number
  // Index of the "can't be determined" option.
  unknownIndex: number
  // Index of the option naming a stereotyped group, or null when none or both do.
  targetIndex: number | null
  stereotypedGroups: string[]
}

const DATASET = 'BBQ'
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '')

// BBQ tags people with short labels ("F", "lowSES", "nonOld") and lists stereotyped groups in
// looser words ("women", "low SES"); these aliases bridge the common gaps.
const ALIASES: Record<string, string[]> = {
  f: ['women', 'woman', 'female', 'girl', 'girls', 'f'], m: ['men', 'man', 'male', 'boy', 'boys', 'm'],
  women: ['f'], woman: ['f'], female: ['f'], girl: ['f'], men: ['m'], man: ['m'], male: ['m'], boy: ['m'],
}

function namesGroup(tag: string, text: string, groups: string[]): boolean {
  const wanted = new Set(groups.flatMap((g) => [squash(g), ...(ALIASES[squash(g)] ?? [])]))
  const parts = [tag, ...tag.split(/[-_]/)].map(squash).filter(Boolean)
  return parts.some((p) => wanted.has(p)) || wanted.has(squash(text))
}

export function normaliseBbqRecord(record: unknown, where = 'record'): BbqItem {
  const r = new FieldReader(DATASET, where, record)
  const exampleId = r.number('example_id', { min: 0 })
  const questionIndex = String(r.record.question_index ?? r.fail('question_index', 'is missing'))
  const polarity = r.oneOf('question_polarity', ['neg', 'nonneg'] as const)
  const contextCondition = r.oneOf('context_condition', ['ambig', 'disambig'] as const)
  const category = r.string('category')
  const context = r.string('context')
  const question = r.string('question')
  const options: [string, string, string] = [r.string('ans0'), r.string('ans1'), r.string('ans2')]
  const label = r.number('label', { min: 0, max: 2 })
  if (!Number.isInteger(label)) r.fail('label', `must be 0, 1 or 2, got ${label}`)

  const info = r.record.answer_info
  if (!isRecord(info)) return r.fail('answer_info', 'must be an object with ans0, ans1, ans2')
  const tags = (['ans0', 'ans1', 'ans2'] as const).map((k) => {
    const v = info[k]
    if (!Array.isArray(v) || v.length < 2 || v.some((x) => typeof x !== 'string')) return r.fail(`answer_info.${k}`, 'must be [text, group tag]')
    return v as [string, string]
  })
  const unknownIndex = tags.findIndex(([, tag]) => tag.toLowerCase() === 'unknown')
  if (unknownIndex < 0) r.fail('answer_info', 'has no option tagged "unknown"; every BBQ item needs one')

  const meta = r.record.additional_metadata
  if (!isRecord(meta)) return r.fail('additional_metadata', 'must be an object')
  const groupsRaw = meta.stereotyped_groups
  if (!Array.isArray(groupsRaw) || groupsRaw.some((g) => typeof g !== 'string')) return r.fail('additional_metadata.stereotyped_groups', 'must be a list of strings')
  const stereotypedGroups = groupsRaw as string[]

  const targets = tags.map(([text, tag], i) => (i !== unknownIndex && namesGroup(tag, text, stereotypedGroups) ? i : -1)).filter((i) => i >= 0)
  return {
    id: `bbq-${category}-${exampleId}`,
    category, questionIndex, polarity, contextCondition, context, question, options, label, unknownIndex,
    targetIndex: targets.length === 1 ? targets[0]! : null,
    stereotypedGroups,
  }
}

export function parseBbqJsonl(text: string): BbqItem[] {
  const items = parseJsonl(DATASET, text).map(({ line, value }) => normaliseBbqRecord(value, `line ${line}`))
  const seen = new Set<string>()
  items.forEach((item, i) => {
    if (seen.has(item.id)) throw new BenchmarkFormatError(DATASET, `item ${i + 1}`, `duplicate example_id in category ${item.category} (${item.id})`)
    seen.add(item.id)
  })
  return items
}

export function formatBbqPrompt(item: BbqItem): string {
  const [a, b, c] = item.options
  return `${item.context}\n${item.question}\n(a) ${a}\n(b) ${b}\n(c) ${c}\nAnswer with the letter of the correct option.`
}
