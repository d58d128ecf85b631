import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { EvidenceError } from './errors.js'

// Report files come from arbitrary CI jobs, so loading one is kept apart from counting it:
// size and entity guards, well-formedness errors with positions a CI engineer can act on,
// and a check that the root is a JUnit element at all.

export type XmlNode = Record<string, unknown>

export interface JUnitRoot {
  tag: 'testsuites' | 'testsuite'
  node: XmlNode
}

// Large monorepo reports with captured stdout reach tens of MiB; far beyond that the parsed
// object tree would exhaust the worker's memory long before anyone could read the result.
export const MAX_JUNIT_REPORT_CHARS = 32 * 1024 * 1024

// Nested suites (PHPUnit data providers, mocha describe blocks) rarely go deeper than a
// handful of levels; the cap stops a crafted report from driving deep recursion.
const MAX_NESTED_TAGS = 64

// Forced to arrays so that one suite, case or failure is read the same way as several.
const ARRAY_TAGS = new Set(['testsuite', 'testcase', 'failure', 'error'])

const FOREIGN_ROOT_HINTS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    html: 'This looks like an HTML test report; upload the JUnit XML file instead.',
    assemblies: 'This looks like an xUnit.net v2 report; convert it to JUnit XML (e.g. with a JUnit logger).',
    'test-run': 'This looks like an NUnit 3 report; convert it to JUnit XML (e.g. with an NUnit JUnit transform).',
    TestRun: 'This looks like a Visual Studio TRX report; use a JUnit logger (e.g. JunitXml.TestLogger).',
    checkstyle: 'This is a Checkstyle/lint report, not a test report.',
  }),
)

export function loadJUnitDocument(xml: string, maxChars: number = MAX_JUNIT_REPORT_CHARS): JUnitRoot {
  return findRoot(parseXml(checkRawInput(xml, maxChars)))
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function checkRawInput(xml: unknown, maxChars: number): string {
  if (typeof xml !== 'string') {
    throw new EvidenceError(`JUnit report must be XML text, but received ${describeType(xml)}.`)
  }
  const document = xml.startsWith('\uFEFF') ? xml.slice(1) : xml
  if (document.length > maxChars) {
    throw new EvidenceError(
      `JUnit report is ${formatSize(document.length)}, above the ${formatSize(maxChars)} limit. ` +
        'Upload per-module reports separately or stop capturing <system-out>/<system-err> into the report.',
    )
  }
  const start = document.search(/\S/)
  if (start === -1) {
    throw new EvidenceError(
      'JUnit report is empty. Check that the test step writes a JUnit XML file (for example ' +
        'pytest --junitxml=report.xml, jest-junit, or the Maven Surefire/Gradle test reports) ' +
        'and that this file is the one uploaded.',
    )
  }
  if (!document.startsWith('<', start)) {
    throw new EvidenceError(
      `JUnit report is not XML: it starts with ${JSON.stringify(document.slice(start, start + 40))}. ` +
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
    const unclosed = unclosedTags(msg)
    if (unclosed !== undefined) {
      throw new EvidenceError(
        `JUnit report ends while ${unclosed.map((tag) => `<${tag}>`).join(', ')} ${unclosed.length === 1 ? 'is' : 'are'} ` +
          'still open, so the file looks truncated: the test process was probably killed before it ' +
          'finished writing the report, or the artefact upload was cut short. Re-run the tests.',
      )
    }
    throw new EvidenceError(
      `JUnit report is not well-formed XML (line ${line}, column ${col}): ${msg} ` +
        'Check the tool that generated or post-processed the report.',
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

// The validator reports elements still open at end of input either as "Unclosed tag 'x'."
// or, for several, as a JSON list of tag names at line 1, column 1, which is no help to anyone.
function unclosedTags(message: string): string[] | undefined {
  const single = /^Unclosed tag '([^']+)'\.$/.exec(message)
  if (single?.[1] !== undefined) return [single[1]]
  const several = /^Invalid '(\[.*\])' found\.$/.exec(message)
  if (several?.[1] === undefined) return undefined
  try {
    const tags: unknown = JSON.parse(several[1])
    return Array.isArray(tags) && tags.every((t) => typeof t === 'string') ? tags : undefined
  } catch {
    return undefined
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
    const hint = FOREIGN_ROOT_HINTS.get(tag) ?? 'Upload the JUnit XML report produced by the test runner.'
    throw new EvidenceError(
      `Not a JUnit report: expected a <testsuites> or <testsuite> root element but found <${tag}>. ${hint}`,
    )
  }
  const value = parsed[tag]
  const node = Array.isArray(value) ? value[0] : value
  return { tag, node: isNode(node) ? node : {} }
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
