import { SEVERITIES, type Severity } from '../severity.js'
import { ALLOW_LIST_VERSION, ALLOWED_GLOBALS } from './allow-list.js'
import { fixImports } from './compat.js'
import { denyMatch } from './deny-list.js'
import { frameworksAdmitting } from './frameworks.js'

/**
 * How one imported global was judged. Default deny: a global is `allowed` only when the
 * allow-list names it exactly; anything else is at least high. The deny list is consulted first
 * and wins: a global it names is `denied` (critical where it runs code) and no framework list can
 * admit it. A global on neither list is `not-allowed` (high); `frameworks` says which named
 * framework lists would admit it, if an operator allows them for the model.
 */
export interface GlobalJudgement {
  /** "module.name" as written in the pickle. */
  global: string
  /** "module.name" the unpickler imports: after Python 2 renames (protocol < 3). */
  resolved: string
  verdict: 'allowed' | 'denied' | 'not-allowed'
  /** Absent when allowed. */
  severity?: Severity
  reason: string
  /** Versions of the framework lists that would admit it; only ever on `not-allowed`. */
  frameworks?: string[]
  allowList: string
}

const MODULE_PART = /^[A-Za-z_][A-Za-z0-9_]*$/

function chainOf(module: string, name: string): { chain: string[]; firstName: number } {
  const moduleParts = module.split('.')
  return { chain: [...moduleParts, ...name.split('.')], firstName: moduleParts.length }
}

/**
 * Judges GLOBAL/STACK_GLOBAL/INST (module, name) as an unpickler speaking `protocol` would resolve
 * it: Python 2 names renamed (fix_imports, protocol < 3), then the dotted name walked attribute
 * by attribute. Both the name as written and as renamed are checked against the deny list, and
 * every module a dotted path passes through is judged, so neither a rename nor an innocent head
 * (`zipfile` + `os.system`) hides a denied global.
 */
export function judgeGlobal(module: string, name: string, protocol: number): GlobalJudgement {
  const global = `${module}.${name}`
  const [resolvedModule, resolvedName] = protocol < 3 ? fixImports(module, name) : [module, name]
  const resolved = `${resolvedModule}.${resolvedName}`
  const base = { global, resolved, allowList: ALLOW_LIST_VERSION }
  const renamed = resolved !== global ? ` (imported as ${resolved})` : ''
  if (module.length === 0 || name.length === 0 || !module.split('.').every((part) => MODULE_PART.test(part))) {
    return { ...base, verdict: 'denied', severity: 'critical', reason: `malformed import name${renamed}; a loader would resolve it in ways this scan cannot follow` }
  }
  // The deny list sees the name as written, as renamed under protocol < 3, and as imported: a
  // stream whose protocol this scan misjudged still cannot slip a renamed global past it.
  const [py3Module, py3Name] = fixImports(module, name)
  const spellings = new Set([global, resolved, `${py3Module}.${py3Name}`])
  const candidates = [chainOf(resolvedModule, resolvedName), chainOf(module, name), chainOf(py3Module, py3Name)]
  let worst: ReturnType<typeof denyMatch> = null
  for (const { chain, firstName } of candidates.slice(0, spellings.size === 1 ? 1 : 3)) {
    const denied = denyMatch(chain, firstName)
    if (denied && (!worst || SEVERITIES.indexOf(denied.severity) < SEVERITIES.indexOf(worst.severity))) worst = denied
  }
  if (worst) {
    const through = worst.via === resolved || worst.via === global ? '' : ` (through ${worst.via})`
    return { ...base, verdict: 'denied', severity: worst.severity, reason: `${worst.reason}${through}${renamed}` }
  }
  const why = ALLOWED_GLOBALS.get(resolved)
  if (why !== undefined) return { ...base, verdict: 'allowed', reason: why }
  const dotted = resolvedName.includes('.')
  const frameworks = dotted ? [] : frameworksAdmitting(resolvedModule, resolvedName)
  const reason = dotted
    ? `attribute path ${resolvedName} walked from ${resolvedModule}: allowances never extend through attributes${renamed}`
    : `not on the allow-list of inert reconstructors (${ALLOW_LIST_VERSION})${renamed}`
  return { ...base, verdict: 'not-allowed', severity: 'high', reason, ...(frameworks.length > 0 ? { frameworks } : {}) }
}
