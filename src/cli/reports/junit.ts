// A promotion as JUnit XML, the format every CI system renders: one test suite per tier, one
// test case per check. A failed or inconclusive check is a failure carrying its summary,
// measurement and remedy; a check that does not apply or did not run is skipped.
import type { PromotionView } from '../promotion.js'

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 cannot carry most control characters at all, escaped or not.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v))

export function junitReport(p: PromotionView): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>']
  const all = p.gates.flatMap((g) => g.checks)
  const failing = (s: string) => s === 'failed' || s === 'inconclusive'
  const skipping = (s: string) => !failing(s) && s !== 'passed'
  lines.push(`<testsuites name="${escapeXml(`modelgate ${p.model}@${p.version} → ${p.targetEnvironment}`)}" tests="${all.length}" failures="${all.filter((c) => failing(c.status)).length}" skipped="${all.filter((c) => skipping(c.status)).length}">`)
  for (const g of p.gates) {
    lines.push(`  <testsuite name="${escapeXml(g.tier)}" tests="${g.checks.length}" failures="${g.checks.filter((c) => failing(c.status)).length}" skipped="${g.checks.filter((c) => skipping(c.status)).length}">`)
    for (const c of g.checks) {
      lines.push(`    <testcase classname="modelgate.${escapeXml(g.tier)}" name="${escapeXml(c.id)}">`)
      if (failing(c.status)) {
        const body = [`status: ${c.status}`, `measured: ${json(c.measured)}`, `threshold: ${json(c.threshold)}`, c.remedy ? `remedy: ${c.remedy}` : ''].filter(Boolean).join('\n')
        lines.push(`      <failure type="${escapeXml(c.status)}" message="${escapeXml(c.summary ?? c.status)}">${escapeXml(body)}</failure>`)
      } else if (skipping(c.status)) {
        lines.push(`      <skipped message="${escapeXml(c.summary ?? c.status)}"/>`)
      }
      if (c.summary) lines.push(`      <system-out>${escapeXml(c.summary)}</system-out>`)
      lines.push('    </testcase>')
    }
    lines.push('  </testsuite>')
  }
  lines.push('</testsuites>')
  return `${lines.join('\n')}\n`
}
