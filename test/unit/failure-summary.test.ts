import { describe, expect, it } from 'vitest'
import { buildFailureReport } from '../../src/domain/failure-summary.js'

describe('failure report', () => {
  it('lists each failed check, worst first, with measured, threshold and remedy', () => {
    const report = buildFailureReport({ model: 'fraud', version: '1.4.0', target: 'staging', tier: 'automated' }, [
      { id: 'unit_tests', tier: 'automated', severity: 'high', summary: '2 failed', measured: { failures: 2 }, threshold: { maxFailures: 0 }, remedy: 'fix test_a' },
      { id: 'security_scan', tier: 'automated', severity: 'critical', summary: '1 critical CVE', measured: { critical: 1 }, threshold: { failOn: ['critical'] }, remedy: 'upgrade x' },
    ])
    expect(report.severity).toBe('critical')
    expect(report.title).toBe('Promotion of fraud 1.4.0 to staging blocked: automated gate failed')
    const lines = report.summary.split('\n')
    expect(lines[1]).toBe('- security_scan [critical]: 1 critical CVE')
    expect(report.summary).toContain('measured: {"failures":2}; threshold: {"maxFailures":0}')
    expect(report.summary).toContain('to fix: upgrade x')
    expect(report.summary.indexOf('security_scan')).toBeLessThan(report.summary.indexOf('unit_tests'))
  })
})

describe('failure report with inconclusive checks', () => {
  const subject = { model: 'spam-filter', version: '1.1.0', target: 'dev', tier: 'automated' }
  const check = (id: string, status: string) => ({ id, tier: 'automated', severity: 'high' as const, summary: `${id} ${status}`, measured: null, threshold: null, remedy: null, status })

  it('counts inconclusive checks apart from failed ones in its header', () => {
    const mixed = buildFailureReport(subject, [check('unit_tests', 'failed'), check('bias_metrics', 'inconclusive'), check('regression_test', 'failed')])
    expect(mixed.summary.split('\n')[0]).toBe('Promotion of spam-filter 1.1.0 to dev blocked: automated gate failed (severity high; 2 checks failed, 1 inconclusive).')
    expect(mixed.summary).toContain('- bias_metrics [high]: bias_metrics inconclusive')
  })

  it('says only inconclusive when nothing failed, and counts a check without a status as failed', () => {
    expect(buildFailureReport(subject, [check('bias_metrics', 'inconclusive'), check('accuracy_benchmark', 'inconclusive')]).summary.split('\n')[0]).toMatch(/\(severity high; 2 checks inconclusive\)\.$/)
    const { status: _, ...unlabelled } = check('unit_tests', 'failed')
    expect(buildFailureReport(subject, [unlabelled, check('bias_metrics', 'inconclusive')]).summary.split('\n')[0]).toMatch(/\(severity high; 1 check failed, 1 inconclusive\)\.$/)
  })
})
