import { isNode, loadJUnitDocument, MAX_JUNIT_REPORT_CHARS, type XmlNode } from './junit-document.js'
import { decodeXmlEntities } from './xml-entities.js'

export { MAX_JUNIT_REPORT_CHARS } from './junit-document.js'

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

// Failure bodies are whole stack traces; the summary only needs enough to recognise the
// failure, and it ends up stored with the gate decision.
const MAX_MESSAGE_CHARS = 4000

interface Tally {
  tests: number
  failures: number
  errors: number
  skipped: number
  suites: number
  failing: JUnitFailingCase[]
}

export function parseJUnit(xml: string, options: JUnitParseOptions = {}): JUnitSummary {
  const root = loadJUnitDocument(xml, options.maxChars ?? MAX_JUNIT_REPORT_CHARS)

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
