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
