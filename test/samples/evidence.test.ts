// The evidence files the README walkthroughs hand to `modelgate promote`: each must be what the
// gates' parsers accept as passing, and the card must name the model and version it is for.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeSampleEvidence } from '../../samples/evidence.js'
import { cardMismatches } from '../../src/gates/checks/model-card.js'
import { parseJUnit } from '../../src/gates/evidence/junit.js'
import { DEFAULT_MODEL_CARD_REQUIREMENTS, parseModelCard } from '../../src/gates/evidence/model-card.js'
import { parseVulnerabilityReports, summariseFindings } from '../../src/gates/evidence/vulnerability-report.js'

describe('sample evidence files', () => {
  let dir: string
  let files: string[]
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sample-evidence-'))
    files = writeSampleEvidence(dir, 'helpdesk-llm', '1.0')
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))
  const read = (name: string) => readFile(join(dir, name), 'utf8')

  it('writes the four files the walkthroughs pass', () => {
    expect(files.map((f) => basename(f))).toEqual(['unit.xml', 'integration.xml', 'trivy.json', 'MODEL_CARD.md'])
  })

  it('are passing JUnit reports', async () => {
    for (const name of ['unit.xml', 'integration.xml']) {
      const summary = parseJUnit(await read(name))
      expect(summary.tests, name).toBeGreaterThan(0)
      expect([summary.failures, summary.errors], name).toEqual([0, 0])
    }
  })

  it('is a vulnerability report with nothing blocking', async () => {
    const summary = summariseFindings(parseVulnerabilityReports(JSON.parse(await read('trivy.json'))), ['critical', 'high'])
    expect(summary.blocking).toEqual([])
  })

  it('is a model card for this model and version (a version YAML would read as a number stays a string)', async () => {
    const card = parseModelCard(await read('MODEL_CARD.md'))
    expect(cardMismatches(card.frontMatter, { model_name: 'helpdesk-llm', version: '1.0' })).toEqual([])
    expect(cardMismatches(card.frontMatter, { model_name: 'helpdesk-llm', version: '1.1' }).map((m) => m.key)).toEqual(['version'])
    for (const key of DEFAULT_MODEL_CARD_REQUIREMENTS.metadata) expect(card.frontMatter[key], key).toBeTruthy()
    const titles = card.sections.map((s) => s.title)
    for (const section of DEFAULT_MODEL_CARD_REQUIREMENTS.sections) expect(titles, section).toContain(section)
  })
})
