// unit_tests and integration_tests: CI's JUnit XML, parsed here rather than trusted as a
// boolean, so the result says how many tests ran and which ones failed.
import { EvidenceError } from '../evidence/errors.js'
import { parseJUnit } from '../evidence/junit.js'
import { failed, type CheckDefinition } from '../check.js'
import { numberParam } from './params.js'

const MAX_LISTED_FAILURES = 50

export function junitCheck(id: string, evidenceKind: string, label: string): CheckDefinition {
  return {
    id,
    tier: 'automated',
    title: `${label} (JUnit XML)`,
    async run({ evidence, params }) {
      const threshold = {
        minTests: numberParam(params, 'minTests', 1),
        maxFailures: numberParam(params, 'maxFailures', 0),
        maxErrors: numberParam(params, 'maxErrors', 0),
      }
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
  }
}
