import { expectEvidenceError } from '../helpers/evidence-error.js'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EvidenceError } from '../../src/gates/evidence/errors.js'
import { MAX_JUNIT_REPORT_CHARS, parseJUnit, type JUnitSummary } from '../../src/gates/evidence/junit.js'

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/evidence/junit/${name}`, import.meta.url), 'utf8')
}

function counts(summary: JUnitSummary): Omit<JUnitSummary, 'failing'> {
  const { failing: _failing, ...rest } = summary
  return rest
}


describe('parseJUnit with real generator output', () => {
  it('reads a pytest report, counting a failed-then-errored case once as an error', () => {
    const summary = parseJUnit(fixture('pytest.xml'))
    expect(counts(summary)).toEqual({ tests: 8, failures: 1, errors: 2, skipped: 2, suites: 1 })
    expect(summary.failing).toEqual([
      {
        suite: 'pytest',
        name: 'test_f1_macro_above_floor',
        classname: 'tests.test_metrics',
        kind: 'failure',
        message: 'AssertionError: F1 macro 0.712 below floor 0.750\nassert 0.712 >= 0.75',
      },
      {
        suite: 'pytest',
        name: 'test_schema[parquet]',
        classname: 'tests.test_data',
        kind: 'error',
        message: `failed on setup with "FileNotFoundError: [Errno 2] No such file or directory: 'data/holdout.parquet'"`,
      },
      {
        suite: 'pytest',
        name: 'test_onnx_export',
        classname: 'tests.test_export',
        kind: 'failure',
        message: 'AssertionError: max abs diff 3.1e-03 exceeds 1e-04',
      },
      {
        suite: 'pytest',
        name: 'test_onnx_export',
        classname: 'tests.test_export',
        kind: 'error',
        message: `failed on teardown with "PermissionError: [Errno 13] Permission denied: '/tmp/pytest-of-ci/model.onnx'"`,
      },
    ])
    const passed = summary.tests - summary.failures - summary.errors - summary.skipped
    expect(passed).toBe(3)
  })

  it('reads a jest-junit report whose failures carry only a body', () => {
    const summary = parseJUnit(fixture('jest-junit.xml'))
    expect(counts(summary)).toEqual({ tests: 7, failures: 2, errors: 0, skipped: 1, suites: 2 })
    expect(summary.failing.map((f) => [f.suite, f.name, f.kind])).toEqual([
      ['PromotionForm', 'PromotionForm shows the approver list', 'failure'],
      ['formatScore', 'formatScore handles NaN', 'failure'],
    ])
    const [first, second] = summary.failing
    expect(first?.message.startsWith('Error: expect(received).toHaveLength(expected)\n\nExpected length: 2')).toBe(true)
    expect(first?.message).toContain('Received array:  [<li>alice@example.com</li>]')
    expect(first?.message).toContain('at Object.<anonymous> (/home/runner/work/web/src/PromotionForm.test.tsx:58:34)')
    expect(second?.message).toContain('Expected: "n/a"\nReceived: "NaN"')
  })

  it('reads a Maven Surefire report, ignoring flaky and rerun elements', () => {
    const summary = parseJUnit(fixture('TEST-com.acme.ranking.ScorerTest.xml'))
    expect(counts(summary)).toEqual({ tests: 6, failures: 1, errors: 1, skipped: 1, suites: 1 })
    expect(summary.failing).toEqual([
      {
        suite: 'com.acme.ranking.ScorerTest',
        name: 'loadsQuantisedWeights',
        classname: 'com.acme.ranking.ScorerTest',
        kind: 'error',
        message: 'Cannot invoke "java.nio.ByteBuffer.order(java.nio.ByteOrder)" because "buffer" is null',
      },
      {
        suite: 'com.acme.ranking.ScorerTest',
        name: 'ranksExactMatchFirst',
        classname: 'com.acme.ranking.ScorerTest',
        kind: 'failure',
        message: 'expected: <doc-17> but was: <doc-4>',
      },
    ])
  })

  it('reads a Gradle report with a bare <testsuite> root', () => {
    const summary = parseJUnit(fixture('TEST-com.acme.registry.ModelRegistryClientTest.xml'))
    expect(counts(summary)).toEqual({ tests: 4, failures: 1, errors: 0, skipped: 1, suites: 1 })
    expect(summary.failing).toHaveLength(1)
    expect(summary.failing[0]).toMatchObject({
      suite: 'com.acme.registry.ModelRegistryClientTest',
      name: 'rejectsUnsignedArtifacts()',
      kind: 'failure',
      message:
        'org.opentest4j.AssertionFailedError: Expected com.acme.registry.SignatureException to be thrown, but nothing was thrown.',
    })
  })

  it('walks nested suites and trusts the cases over stale header counts', () => {
    const summary = parseJUnit(fixture('phpunit-nested.xml'))
    // The headers in this file claim failures="0" errors="0".
    expect(counts(summary)).toEqual({ tests: 5, failures: 1, errors: 1, skipped: 0, suites: 4 })
    expect(summary.failing.map((f) => [f.suite, f.name, f.kind])).toEqual([
      ['Tests\\FeatureStore\\SnapshotTest::testRoundTrip', 'testRoundTrip with data set "avro"', 'failure'],
      ['Tests\\FeatureStore\\BackfillTest', 'testBackfillSkipsFutureDates', 'error'],
    ])
    expect(summary.failing[0]?.message).toContain("-    'ts' => 1710411600\n+    'ts' => '1710411600'")
    expect(summary.failing[1]?.message).toMatch(/^PDOException: SQLSTATE\[08006\]/)
  })
})

describe('parseJUnit counting rules', () => {
  it('ignores header attributes that contradict the cases', () => {
    const summary = parseJUnit(`<?xml version="1.0"?>
      <testsuite name="lying-header" tests="1" failures="0" errors="0" skipped="7">
        <testcase name="a"/>
        <testcase name="b"><failure message="boom"/></testcase>
        <testcase name="c"/>
      </testsuite>`)
    expect(counts(summary)).toEqual({ tests: 3, failures: 1, errors: 0, skipped: 0, suites: 1 })
  })

  it('counts a case that is both skipped and failed as a failure', () => {
    const summary = parseJUnit(`<testsuite name="s">
        <testcase name="odd"><skipped/><failure message="ran anyway"/></testcase>
        <testcase name="skip"><skipped message="not on CI"></skipped></testcase>
      </testsuite>`)
    expect(counts(summary)).toEqual({ tests: 2, failures: 1, errors: 0, skipped: 1, suites: 1 })
  })

  it('treats a failure directly inside a suite as a crashed suite, not an empty one', () => {
    const summary = parseJUnit(`<testsuites>
        <testsuite name="tests.test_loader" tests="0" errors="1">
          <error message="ImportError: cannot import name 'load_weights' from 'ranker.io'"/>
        </testsuite>
      </testsuites>`)
    expect(counts(summary)).toEqual({ tests: 1, failures: 0, errors: 1, skipped: 0, suites: 1 })
    expect(summary.failing).toEqual([
      {
        suite: 'tests.test_loader',
        name: '(suite-level)',
        kind: 'error',
        message: "ImportError: cannot import name 'load_weights' from 'ranker.io'",
      },
    ])
  })

  it('includes cases placed directly under <testsuites>', () => {
    const summary = parseJUnit(`<testsuites name="go-tests">
        <testcase name="TestPromote" classname="gate"><failure message="want prod, got staging"/></testcase>
        <testsuite name="inner"><testcase name="TestOk"/></testsuite>
      </testsuites>`)
    expect(counts(summary)).toEqual({ tests: 2, failures: 1, errors: 0, skipped: 0, suites: 1 })
    expect(summary.failing[0]).toEqual({
      suite: 'go-tests',
      name: 'TestPromote',
      classname: 'gate',
      kind: 'failure',
      message: 'want prod, got staging',
    })
  })

  it('accepts reports with no tests at all', () => {
    expect(parseJUnit('<testsuites/>')).toEqual({ tests: 0, failures: 0, errors: 0, skipped: 0, suites: 0, failing: [] })
    expect(counts(parseJUnit('<testsuite name="empty" tests="0"></testsuite>'))).toEqual({
      tests: 0,
      failures: 0,
      errors: 0,
      skipped: 0,
      suites: 1,
    })
  })

  it('counts many suites and cases', () => {
    const suites = Array.from({ length: 40 }, (_, s) => {
      const cases = Array.from({ length: 25 }, (_, c) =>
        c === 0 && s % 10 === 0 ? `<testcase name="t${c}"><error message="e${s}"/></testcase>` : `<testcase name="t${c}"/>`,
      ).join('')
      return `<testsuite name="s${s}">${cases}</testsuite>`
    })
    const summary = parseJUnit(`<testsuites>${suites.join('')}</testsuites>`)
    expect(counts(summary)).toEqual({ tests: 1000, failures: 0, errors: 4, skipped: 0, suites: 40 })
    expect(summary.failing.map((f) => f.message)).toEqual(['e0', 'e10', 'e20', 'e30'])
  })
})

describe('parseJUnit failure messages', () => {
  it('prefers the message attribute, then the body, then the type', () => {
    const summary = parseJUnit(`<testsuite name="s">
        <testcase name="attr"><failure message="short" type="AssertionError">long trace</failure></testcase>
        <testcase name="body"><failure type="AssertionError">  only a body  </failure></testcase>
        <testcase name="blank-attr"><failure message="   ">body wins over blank message</failure></testcase>
        <testcase name="type"><error type="java.lang.OutOfMemoryError"/></testcase>
        <testcase name="nothing"><error/></testcase>
      </testsuite>`)
    expect(summary.failing.map((f) => [f.name, f.message])).toEqual([
      ['attr', 'short'],
      ['body', 'only a body'],
      ['blank-attr', 'body wins over blank message'],
      ['type', 'java.lang.OutOfMemoryError'],
      ['nothing', '(no message in report)'],
    ])
  })

  it('decodes character references but leaves CDATA literal', () => {
    const summary = parseJUnit(`<testsuite name="a &amp; b">
        <testcase name="emoji &#x1F600; &#233;" classname="c&apos;s"><failure message="x &lt; y &amp;&amp; &quot;q&quot; &#10;next"/></testcase>
        <testcase name="cdata"><failure><![CDATA[literal &amp; <tag>]]></failure></testcase>
        <testcase name="unknown &nbsp; &#0; &#xD800;"/>
      </testsuite>`)
    expect(summary.failing[0]).toEqual({
      suite: 'a & b',
      name: 'emoji 😀 é',
      classname: "c's",
      kind: 'failure',
      message: 'x < y && "q" \nnext',
    })
    expect(summary.failing[1]?.message).toBe('literal &amp; <tag>')
  })

  it('omits classname when the case has none', () => {
    const summary = parseJUnit('<testsuite name="s"><testcase name="n"><failure message="m"/></testcase></testsuite>')
    expect(summary.failing[0]).not.toHaveProperty('classname')
  })

  it('names unnamed cases instead of dropping them', () => {
    const summary = parseJUnit('<testsuite><testcase><failure message="m"/></testcase></testsuite>')
    expect(summary.failing[0]).toMatchObject({ suite: '', name: '(unnamed test case)' })
  })

  it('truncates huge stack traces', () => {
    const trace = 'at frame\n'.repeat(5000)
    const summary = parseJUnit(`<testsuite name="s"><testcase name="n"><error>${trace}</error></testcase></testsuite>`)
    const message = summary.failing[0]?.message ?? ''
    expect(message.length).toBe(4001)
    expect(message.endsWith('…')).toBe(true)
  })

  it('handles namespace prefixes and a DOCTYPE without entities', () => {
    const summary = parseJUnit(`<?xml version="1.0"?>
      <!DOCTYPE testsuite SYSTEM "junit.dtd">
      <j:testsuite xmlns:j="urn:example:junit" name="ns"><j:testcase name="x"><j:failure message="m"/></j:testcase></j:testsuite>`)
    expect(counts(summary)).toEqual({ tests: 1, failures: 1, errors: 0, skipped: 0, suites: 1 })
  })

  it('accepts a byte-order mark', () => {
    expect(parseJUnit('\uFEFF<testsuite name="s"><testcase name="t"/></testsuite>').tests).toBe(1)
  })
})

describe('parseJUnit rejects unusable input', () => {
  it.each([
    ['empty string', ''],
    ['whitespace', ' \n\t '],
    ['byte-order mark only', '\uFEFF'],
  ])('rejects an %s as empty', (_label, input) => {
    expectEvidenceError(() => parseJUnit(input), /JUnit report is empty.*--junitxml/)
  })

  it('rejects non-string input', () => {
    expectEvidenceError(() => parseJUnit(undefined as unknown as string), /must be XML text.*undefined/)
  })

  it('rejects console output and JSON', () => {
    expectEvidenceError(() => parseJUnit('============ 3 passed in 0.12s ============'), /not XML: it starts with "====/)
    expectEvidenceError(() => parseJUnit('{"numFailedTests": 0}'), /not XML/)
  })

  it('rejects a truncated report and names the open elements', () => {
    const truncated = '<?xml version="1.0"?>\n<testsuite name="s">\n  <testcase name="a">\n    <failure message="x">trace'
    expectEvidenceError(
      () => parseJUnit(truncated),
      /^JUnit report ends while <testsuite>, <testcase>, <failure> are still open, so the file looks truncated/,
    )
    expectEvidenceError(() => parseJUnit('<testsuite name="s">'), /^JUnit report ends while <testsuite> is still open/)
  })

  it('rejects broken attributes with the position of the problem', () => {
    expectEvidenceError(
      () => parseJUnit('<testsuite name="s">\n  <testcase name="a classname="b"/>\n</testsuite>'),
      /not well-formed XML \(line 2, column \d+\)/,
    )
  })

  it('rejects mismatched tags', () => {
    expectEvidenceError(
      () => parseJUnit('<testsuite><testcase name="a"></testsuite>'),
      /not well-formed XML.*Expected closing tag 'testcase'/,
    )
  })

  it('rejects XML that is not a JUnit report and says what it looks like', () => {
    expectEvidenceError(() => parseJUnit('<html><body><h1>Test Report</h1></body></html>'), /<testsuites> or <testsuite>.*<html>.*HTML/)
    expectEvidenceError(() => parseJUnit('<test-run id="2" result="Failed"></test-run>'), /<test-run>.*NUnit 3/)
    expectEvidenceError(() => parseJUnit('<coverage line-rate="0.8"/>'), /found <coverage>/)
    expectEvidenceError(() => parseJUnit('<toString/>'), /found <_*toString>\. Upload the JUnit XML report produced by the test runner\.$/)
  })

  it('rejects concatenated reports', () => {
    expectEvidenceError(
      () => parseJUnit('<testsuite name="a"><testcase name="x"/></testsuite>\n<testsuite name="b"/>'),
      /2 top-level elements \(<testsuite>, <testsuite>\).*single <testsuites>/,
    )
  })

  it('refuses entity declarations (billion laughs) without expanding them', () => {
    const lol = `<?xml version="1.0"?>
      <!DOCTYPE lolz [
        <!ENTITY lol "lol">
        <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
        <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
        <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
      ]>
      <testsuite name="&lol3;"><testcase name="&lol3;"/></testsuite>`
    expectEvidenceError(() => parseJUnit(lol), /declares DTD entities.*Remove the DOCTYPE/)
  })

  it('refuses external entities', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
      <testsuite name="s"><testcase name="t"><failure message="&xxe;"/></testcase></testsuite>`
    expectEvidenceError(() => parseJUnit(xxe), /declares DTD entities/)
  })

  it('does not mistake an entity declaration inside a failure body for a DTD', () => {
    const summary = parseJUnit(
      '<testsuite name="xml"><testcase name="blocks xxe"><failure><![CDATA[payload <!ENTITY x SYSTEM "file:///">]]></failure></testcase></testsuite>',
    )
    expect(summary.failing[0]?.message).toBe('payload <!ENTITY x SYSTEM "file:///">')
  })

  it('rejects reports above the size limit', () => {
    expect(MAX_JUNIT_REPORT_CHARS).toBe(32 * 1024 * 1024)
    const xml = `<testsuite name="s">${'<testcase name="t"/>'.repeat(10)}</testsuite>`
    expectEvidenceError(() => parseJUnit(xml, { maxChars: 100 }), /is \d+ characters, above the 100 characters limit/)
    expect(parseJUnit(xml, { maxChars: xml.length }).tests).toBe(10)
  })

  it('rejects absurd nesting', () => {
    const depth = 80
    const xml = '<testsuites>' + '<testsuite name="d">'.repeat(depth) + '</testsuite>'.repeat(depth) + '</testsuites>'
    expectEvidenceError(() => parseJUnit(xml), /could not be parsed.*nested/)
  })
})
