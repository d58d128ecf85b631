// A promotion as Markdown for a GitHub step summary or a merge-request comment: the decision
// first, then the failure summary, then every check with its measurement.
import type { PromotionView } from '../promotion.js'

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')

function measuredText(v: unknown): string {
  if (v === null || v === undefined) return ''
  const text = JSON.stringify(v)
  return text.length > 160 ? `${text.slice(0, 157)}…` : text
}

export function markdownReport(p: PromotionView, opts: { url?: string } = {}): string {
  const out: string[] = []
  out.push(`## modelgate: ${p.model}@${p.version} → ${p.targetEnvironment}: **${p.status}**`)
  out.push('')
  // An offline evaluation (`modelgate evaluate`) recorded nothing in a service to link to.
  if (p.id === 'offline') out.push('Offline evaluation (`modelgate evaluate`): no promotion was recorded.')
  else out.push(`Promotion \`${p.id}\`${opts.url ? ` (${opts.url.replace(/\/+$/, '')}/v1/promotions/${p.id})` : ''}${p.riskLevel ? `, risk ${p.riskLevel}` : ''}.`)
  if (p.status === 'awaiting_approval') {
    const missing = p.requiredApprovals.filter((a) => !a.satisfied).map((a) => a.role)
    out.push('', `Waiting for approval by: ${missing.join(', ') || 'none'}${p.deadline ? ` (deadline ${p.deadline})` : ''}.`)
  }
  if (p.failureSummary) {
    out.push('', '### Why', '', '```text', p.failureSummary, '```')
  }
  out.push('', '| tier | check | status | summary | measured |', '|---|---|---|---|---|')
  for (const g of p.gates) {
    for (const c of g.checks) out.push(`| ${g.tier} | \`${c.id}\` | ${c.status} | ${cell(c.summary ?? '')} | ${cell(measuredText(c.measured))} |`)
  }
  return `${out.join('\n')}\n`
}
