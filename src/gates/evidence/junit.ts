import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { EvidenceError } from './errors.js'
import { decodeXmlEntities } from './xml-entities.js'

export interface JUnitFailingCase {
  suite: string
  name: string
  classname?: string
  kind: 'failure' | 'error'
  message: string
}

export interface JUnitSummary {
  tests: number
  failures: number
  errors: number
  skipped: number
  suites: number
  failing: JUnitFailingCase[]
}

export interface JUnitParseOptions {
  /** Upper bound on the report length in characters; defaults to MAX_JUNIT_REPORT_CHARS. */
  maxChars?: number
}

// Large monorepo reports with captured stdout reach tens of MiB; far beyond that the parsed
// object tree would exhaust the worker's memory long before anyone could read the result.
export const MAX_JUNIT_REPORT_CHARS = 32 * 1024 * 1024

// Nested suites (PHPUnit data providers, mocha describe blocks) rarely go deeper than a
// handful of levels; the cap stops a crafted report from driving deep recursion.
const MAX_NESTED_TAGS = 64

// Failure bodies are whole stack traces; the summary only needs enough to recognise the
// failure, and it ends up stored with the gate decision.
const MAX_MESSAGE_CHARS = 4000

const ARRAY_TAGS = new Set(['testsuite', 'testcase', 'failure', 'error'])

const FOREIGN_ROOT_HINTS: Readonly<Record<string, string>> = {
  html: 'This looks like an HTML test report; upload the JUnit XML file instead.',
  assemblies: 'This looks like an xUnit.net v2 report; convert it to JUnit XML (e.g. with a JUnit logger).',
  'test-run': 'This looks like an NUnit 3 report; convert it to JUnit XML (e.g. with an NUnit JUnit transform).',
  TestRun: 'This looks like a Visual Studio TRX report; use a JUnit logger (e.g. JunitXml.TestLogger).',
  checkstyle: 'This is a Checkstyle/lint report, not a test report.',
}

type XmlNode = Record<string, unknown>

interface Tally {
  tests: number
  failures: number
  errors: number
  skipped: number
  suites: number
  failing: JUnitFailingCase[]
}

export function parseJUnit(xml: string, options: JUnitParseOptions = {}): JUnitSummary {
  const maxChars = options.maxChars ?? MAX_JUNIT_REPORT_CHARS
  const document = checkRawInput(xml, maxChars)
  const root = findRoot(parseXml(document))

  const tally: Tally = { tests: 0, failures: 0, errors: 0, skipped: 0, suites: 0, failing: [] }
  if (root.tag === 'testsuite') {
    visitSuite(root.node, tally)
  } else {
    // Some generators put cases (or a crash <error>) straight under <testsuites>; dropping
    // them would hide failures, so they are attributed to the root's name.
    visitCases(root.node, attr(root.node, 'name') ?? '', tally)
    for (const suite of childNodes(root.node, 'testsuite')) visitSuite(suite, tally)
  }
  return tally
}

function checkRawInput(xml: unknown, maxChars: number): string {
  if (typeof xml !== 'string') {
    throw new EvidenceError(`JUnit report must be XML text, but received ${describeType(xml)}.`)
  }
  const document = xml.startsWith('\uFEFF') ? xml.slice(1) : xml
  const trimmed = document.trim()
  if (trimmed === '') {
    throw new EvidenceError(
      'JUnit report is empty. Check that the test step writes a JUnit XML file (for example ' +
        'pytest --junitxml=report.xml, jest-junit, or the Maven Surefire/Gradle test reports) ' +
        'and that this file is the one uploaded.',
    )
  }
  if (document.length > maxChars) {
    throw new EvidenceError(
      `JUnit report is ${formatSize(document.length)}, above the ${formatSize(maxChars)} limit. ` +
        'Upload per-module reports separately or stop capturing <system-out>/<system-err> into the report.',
    )
  }
  if (!trimmed.startsWith('<')) {
    throw new EvidenceError(
      `JUnit report is not XML: it starts with ${JSON.stringify(trimmed.slice(0, 40))}. ` +
        'Upload the JUnit XML file, not console output or a JSON/HTML report.',
    )
  }
  // Entity processing is disabled in the parser, which is the real defence; refusing the
  // declarations outright gives a clear message instead of silently leaving "&name;" behind.
  const firstElement = document.search(/<[A-Za-z_]/)
  const prolog = firstElement === -1 ? document : document.slice(0, firstElement)
  if (/<!ENTITY/i.test(prolog)) {
    throw new EvidenceError(
      'JUnit report declares DTD entities (<!ENTITY ...>), which are refused to prevent ' +
        'entity-expansion attacks. Remove the DOCTYPE; JUnit XML does not need one.',
    )
  }
  return document
}

function parseXml(document: string): XmlNode {
  const validation = XMLValidator.validate(document)
  if (validation !== true) {
    const { line, col, msg } = validation.err
    throw new EvidenceError(
      `JUnit report is not well-formed XML (line ${line}, column ${col}): ${msg} ` +
        'If the file is cut off, the test process was probably killed before it finished writing ' +
        'the report (or the artefact upload was truncated); re-run the tests.',
    )
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    cdataPropName: '#cdata',
    removeNSPrefix: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    maxNestedTags: MAX_NESTED_TAGS,
    isArray: (tagName, _path, _isLeaf, isAttribute) => !isAttribute && ARRAY_TAGS.has(tagName),
  })
  try {
    const parsed: unknown = parser.parse(document)
    return isNode(parsed) ? parsed : {}
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const hint = /nested/i.test(reason) ? ` Elements may be nested at most ${MAX_NESTED_TAGS} levels deep.` : ''
    throw new EvidenceError(`JUnit report could not be parsed: ${reason}.${hint}`)
  }
}

function findRoot(parsed: XmlNode): { tag: 'testsuites' | 'testsuite'; node: XmlNode } {
  const roots: string[] = []
  for (const [key, value] of Object.entries(parsed)) {
    if (key.startsWith('#') || key.startsWith('?')) continue
    const count = Array.isArray(value) ? value.length : 1
    for (let i = 0; i < count; i++) roots.push(key)
  }
  if (roots.length === 0) {
    throw new EvidenceError('JUnit report contains no XML elements. Upload the JUnit XML file produced by the test runner.')
  }
  if (roots.length > 1) {
    const listed = roots.slice(0, 5).map((tag) => `<${tag}>`).join(', ')
    throw new EvidenceError(
      `JUnit report has ${roots.length} top-level elements (${listed}) but XML allows one. ` +
        'If several report files were concatenated, wrap their suites in a single <testsuites> element ' +
        'or upload them separately.',
    )
  }
  const tag = roots[0] as string
  if (tag !== 'testsuites' && tag !== 'testsuite') {
    const hint = FOREIGN_ROOT_HINTS[tag] ?? 'Upload the JUnit XML report produced by the test runner.'
    throw new EvidenceError(
      `Not a JUnit report: expected a <testsuites> or <testsuite> root element but found <${tag}>. ${hint}`,
    )
  }
  const value = parsed[tag]
  const node = Array.isArray(value) ? value[0] : value
  return { tag, node: isNode(node) ? node : {} }
}

// Counts come from the <testcase> elements, never from the tests/failures/errors/skipped
// attributes. Those attributes are a summary the generator writes separately and they are
// wrong often enough in practice (concatenated or merged reports, rerun plugins, tools that
// count todo tests or flaky reruns differently); more importantly a gate that trusted them
// could be satisfied by a header saying failures="0" above a failing case.
function visitSuite(suite: XmlNode, tally: Tally): void {
  tally.suites += 1
  const name = attr(suite, 'name') ?? ''
  visitCases(suite, name, tally)
  for (const nested of childNodes(suite, 'testsuite')) visitSuite(nested, tally)
}

function visitCases(container: XmlNode, suiteName: string, tally: Tally): void {
  for (const testcase of childNodes(container, 'testcase')) {
    recordCase(testcase, suiteName, attr(testcase, 'name') ?? '(unnamed test case)', true, tally)
  }
  // A <failure>/<error> directly inside a suite means the suite itself broke (class set-up,
  // collection error) and possibly no case ran at all. It is counted as one extra case so a
  // crashed suite cannot look like an empty, passing one.
  if (container.failure !== undefined || container.error !== undefined) {
    recordCase(container, suiteName, '(suite-level)', false, tally)
  }
}

// Each case is counted once, in its most severe outcome (error, then failure, then skipped),
// so that tests - failures - errors - skipped is always the number that passed. Every
// failure/error element still gets its own entry in `failing`, which is why a case that
// failed and then errored in teardown (pytest does this) appears there twice.
function recordCase(node: XmlNode, suite: string, name: string, countSkipped: boolean, tally: Tally): void {
  const classname = attr(node, 'classname')
  const failures = children(node, 'failure')
  const errors = children(node, 'error')
  for (const element of failures) tally.failing.push(failingEntry(suite, name, classname, 'failure', element))
  for (const element of errors) tally.failing.push(failingEntry(suite, name, classname, 'error', element))

  tally.tests += 1
  if (errors.length > 0) tally.errors += 1
  else if (failures.length > 0) tally.failures += 1
  else if (countSkipped && node.skipped !== undefined) tally.skipped += 1
}

function failingEntry(
  suite: string,
  name: string,
  classname: string | undefined,
  kind: 'failure' | 'error',
  element: unknown,
): JUnitFailingCase {
  const entry: JUnitFailingCase = { suite, name, kind, message: messageOf(element) }
  if (classname !== undefined && classname !== '') entry.classname = classname
  return entry
}

function messageOf(element: unknown): string {
  const node = isNode(element) ? element : {}
  const fromAttribute = attr(node, 'message')?.trim()
  if (fromAttribute) return truncate(fromAttribute)
  const body = textOf(element).trim()
  if (body) return truncate(body)
  return attr(node, 'type')?.trim() || '(no message in report)'
}

function textOf(element: unknown): string {
  if (typeof element === 'string') return decodeXmlEntities(element)
  if (!isNode(element)) return ''
  const text = typeof element['#text'] === 'string' ? decodeXmlEntities(element['#text']) : ''
  // CDATA is literal by definition, so it is not entity-decoded.
  const cdata = element['#cdata']
  const cdataText = Array.isArray(cdata) ? cdata.filter((c) => typeof c === 'string').join('\n') : typeof cdata === 'string' ? cdata : ''
  return [text.trim(), cdataText.trim()].filter((part) => part !== '').join('\n')
}

function truncate(message: string): string {
  return message.length <= MAX_MESSAGE_CHARS ? message : `${message.slice(0, MAX_MESSAGE_CHARS)}…`
}

function attr(node: XmlNode, name: string): string | undefined {
  const value = node[`@_${name}`]
  return typeof value === 'string' ? decodeXmlEntities(value) : undefined
}

function children(node: XmlNode, tag: string): unknown[] {
  const value = node[tag]
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

// Empty elements such as <testcase/> come back from the parser as '' rather than an object.
function childNodes(node: XmlNode, tag: string): XmlNode[] {
  return children(node, tag).map((child) => (isNode(child) ? child : {}))
}

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return `a value of type ${typeof value}`
}

function formatSize(chars: number): string {
  const mebi = 1024 * 1024
  return chars < mebi ? `${chars} characters` : `${(chars / mebi).toFixed(1)} MiB`
}
