// The README's table of checks, rendered from the catalog (`npm run readme:checks`); a test
// fails when the committed README differs.
import type { CheckDefinition, CheckRequirements } from '../gates/check.js'
import { defaultParams, type Catalog } from './check-catalog.js'

function needs(r: CheckRequirements): string {
  const parts = [
    ...(r.endpoint ? ['`endpoint`'] : []),
    ...(r.dataset ? ['`evaluation.dataset`'] : []),
    ...(r.outputFilter ? ['`outputFilter`'] : []),
    ...(r.artifact ? ['`artifact` (uploaded)'] : []),
    ...Object.keys(r.evidence ?? {}).map((k) => `\`evidence.${k}\``),
    ...(r.trustedKeys ? ['a trusted key'] : []),
    ...(r.attestation ? [`a ${r.attestation} attestation`] : []),
    ...(r.approvals ? ['approvals'] : []),
  ]
  return parts.length > 0 ? parts.join(', ') : '—'
}

/** When a check passes under its default params, in words. */
export const passesWhen = (c: CheckDefinition) => (typeof c.passesWhen === 'string' ? c.passesWhen : c.passesWhen(defaultParams(c)))
const row = (c: CheckDefinition) => `| \`${c.id}\` | ${c.tier} | ${c.environments.join(', ')} | ${c.severity} | ${needs(c.requires)} | ${passesWhen(c)} |`

export function checksTable(catalog: Catalog): string {
  return ['| check | tier | default in | severity | needs | passes when (default params) |', '|---|---|---|---|---|---|', ...catalog.checks.map(row)].join('\n')
}

const START = '<!-- checks:start -->'
const END = '<!-- checks:end -->'

/** The README with its checks table replaced by the one the catalog gives. */
export function withChecksTable(readme: string, catalog: Catalog): string {
  const from = readme.indexOf(START)
  const to = readme.indexOf(END)
  if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} section`)
  return `${readme.slice(0, from)}${START}\n${checksTable(catalog)}\n${readme.slice(to)}`
}
