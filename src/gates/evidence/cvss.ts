// CVSS v3.0/v3.1 base score, as specified in section 7 of the FIRST CVSS v3.1 specification.
// Scanners often ship only the vector, and the gate needs a severity band for it.

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const

// Privileges Required weighs more when the attack crosses a scope boundary.
const PRIVILEGES = {
  U: { N: 0.85, L: 0.62, H: 0.27 },
  C: { N: 0.85, L: 0.68, H: 0.5 },
} as const

const BASE_METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const
const TEMPORAL_AND_ENVIRONMENTAL = new Set([
  'E', 'RL', 'RC', 'CR', 'IR', 'AR', 'MAV', 'MAC', 'MPR', 'MUI', 'MS', 'MC', 'MI', 'MA',
])

type BaseMetric = (typeof BASE_METRICS)[number]

export interface Cvss3Vector {
  version: '3.0' | '3.1'
  metrics: Record<BaseMetric, string>
}

/** Returns undefined for anything that is not a complete, valid CVSS v3.x vector. */
export function parseCvss3Vector(vector: string): Cvss3Vector | undefined {
  const [prefix, ...parts] = vector.trim().split('/')
  const version = prefix === 'CVSS:3.1' ? '3.1' : prefix === 'CVSS:3.0' ? '3.0' : undefined
  if (version === undefined) return undefined

  const seen = new Map<string, string>()
  for (const part of parts) {
    const [key, value, extra] = part.split(':')
    if (key === undefined || value === undefined || value === '' || extra !== undefined || seen.has(key)) return undefined
    const isBase = (BASE_METRICS as readonly string[]).includes(key)
    if (!isBase && !TEMPORAL_AND_ENVIRONMENTAL.has(key)) return undefined
    seen.set(key, value)
  }
  const metrics: Partial<Record<BaseMetric, string>> = {}
  for (const metric of BASE_METRICS) {
    const value = seen.get(metric)
    if (value === undefined) return undefined
    metrics[metric] = value
  }
  const complete = metrics as Record<BaseMetric, string>
  return weightsOf(complete) === undefined ? undefined : { version, metrics: complete }
}

export function cvss3BaseScore(vector: string): number | undefined {
  const parsed = parseCvss3Vector(vector)
  if (parsed === undefined) return undefined
  const w = weightsOf(parsed.metrics)
  if (w === undefined) return undefined

  const iss = 1 - (1 - w.c) * (1 - w.i) * (1 - w.a)
  const impact = w.scopeChanged ? 7.52 * (iss - 0.029) - 3.25 * Math.pow(iss - 0.02, 15) : 6.42 * iss
  const exploitability = 8.22 * w.av * w.ac * w.pr * w.ui
  if (impact <= 0) return 0
  const raw = w.scopeChanged ? 1.08 * (impact + exploitability) : impact + exploitability
  return roundUp(Math.min(raw, 10))
}

interface Weights {
  av: number
  ac: number
  pr: number
  ui: number
  c: number
  i: number
  a: number
  scopeChanged: boolean
}

function weightsOf(m: Record<BaseMetric, string>): Weights | undefined {
  if (m.S !== 'U' && m.S !== 'C') return undefined
  const av = pick(WEIGHTS.AV, m.AV)
  const ac = pick(WEIGHTS.AC, m.AC)
  const pr = pick(PRIVILEGES[m.S], m.PR)
  const ui = pick(WEIGHTS.UI, m.UI)
  const c = pick(WEIGHTS.CIA, m.C)
  const i = pick(WEIGHTS.CIA, m.I)
  const a = pick(WEIGHTS.CIA, m.A)
  if (av === undefined || ac === undefined || pr === undefined || ui === undefined) return undefined
  if (c === undefined || i === undefined || a === undefined) return undefined
  return { av, ac, pr, ui, c, i, a, scopeChanged: m.S === 'C' }
}

function pick(table: Readonly<Record<string, number>>, key: string): number | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined
}

// The v3.1 Roundup (Appendix A): rounding up to one decimal on the integer representation
// avoids floating-point artefacts such as 4.000000000000001 rounding up to 4.1. v3.0 meant
// the same mathematical function, so it is used for both.
function roundUp(value: number): number {
  const scaled = Math.round(value * 100000)
  if (scaled % 10000 === 0) return scaled / 100000
  return (Math.floor(scaled / 10000) + 1) / 10
}
