// unit_tests and integration_tests: CI's JUnit XML, parsed here rather than trusted as a
// boolean, so the result says how many tests ran and which ones failed.
import { Type } from 'typebox'
import { EvidenceError } from '../evidence/errors.js'
import { parseJUnit } from '../evidence/junit.js'
import { JUnitXmlEvidence } from '../evidence/kinds.js'
import { ALL_ENVIRONMENTS, defineCheck, failed } from '../check.js'

const MAX_LISTED_FAILURES = 50

const JUnitParams = Type.Object({
  minTests: Type.Integer({ minimum: 0, default: 1, description: 'at least this many test cases ran' }),
  maxFailures: Type.Integer({ minimum: 0, default: 0 }),
  maxErrors: Type.Integer({ minimum: 0, default: 0 }),
}, { additionalProperties: false })

function junitCheck(id: string, evidenceKind: string, label: string) {
  return defineCheck({
    id,
    tier: 'automated',
    title: `${label} (JUnit XML)`,
    passesWhen: (p) => `the JUnit XML in \`evidence.${evidenceKind}\` has ≥ ${p.minTests} test(s), ≤ ${p.maxFailures} failures, ≤ ${p.maxErrors} errors (failing test names in details)`,
    params: JUnitParams,
    requires: { evidence: { [evidenceKind]: JUnitXmlEvidence } },
    severity: 'high',
    environments: ALL_ENVIRONMENTS,
    runner: 'worker',
    async run({ evidence, params: threshold }) {
      const xml = evidence.get(evidenceKind)
      if (xml === undefined) {
        return failed(`no ${label} evidence was uploaded`, `upload the JUnit XML report of your ${label} as evidence.${evidenceKind}`, { threshold })
      }
      let summary
      try {
        summary = parseJUnit(xml)
      } catch (err) {
        if (!(err instanceof EvidenceError)) throw err
        return failed(`the ${label} report could not be read: ${err.message}`, `upload a valid JUnit XML report as evidence.${evidenceKind}`, { threshold, details: { error: err.message } })
      }
      const measured = { tests: summary.tests, failures: summary.failures, errors: summary.errors, skipped: summary.skipped }
      const problems: string[] = []
      if (summary.tests < threshold.minTests) problems.push(`${summary.tests} tests ran (at least ${threshold.minTests} required)`)
      if (summary.failures > threshold.maxFailures) problems.push(`${summary.failures} failed (at most ${threshold.maxFailures})`)
      if (summary.errors > threshold.maxErrors) problems.push(`${summary.errors} errored (at most ${threshold.maxErrors})`)
      const details = {
        suites: summary.suites,
        failing: summary.failing.slice(0, MAX_LISTED_FAILURES),
        failingTruncated: summary.failing.length > MAX_LISTED_FAILURES,
      }
      if (problems.length === 0) {
        return { status: 'passed', measured, threshold, details, summary: `${summary.tests} tests, none failed or errored` }
      }
      const names = summary.failing.slice(0, 5).map((f) => `${f.suite ? `${f.suite} › ` : ''}${f.name}`)
      return {
        status: 'failed',
        measured,
        threshold,
        details,
        summary: `${label}: ${problems.join('; ')}`,
        remedy: names.length > 0 ? `fix the failing tests (${names.join(', ')}${summary.failing.length > 5 ? ', …' : ''}) and rerun CI` : `add ${label} that exercise the model code and rerun CI`,
      }
    },
  })
}

export const unitTestsCheck = junitCheck('unit_tests', 'unitTests', 'unit tests')
export const integrationTestsCheck = junitCheck('integration_tests', 'integrationTests', 'integration tests')
