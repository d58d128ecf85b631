import { expectEvidenceError } from '../helpers/evidence-error.js'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { EvidenceError } from '../../src/gates/evidence/errors.js'
import {
  DEFAULT_MODEL_CARD_REQUIREMENTS,
  MAX_MODEL_CARD_CHARS,
  declaresDataHandling,
  evaluateModelCard,
  parseModelCard,
  type ModelCardRequirements,
} from '../../src/gates/evidence/model-card.js'

function fixture(name: string): string {
  return readFileSync(new URL(`../fixtures/evidence/model-card/${name}`, import.meta.url), 'utf8')
}


const SECTIONS_ONLY = (...sections: string[]): ModelCardRequirements => ({ metadata: [], sections })
const METADATA_ONLY = (...metadata: string[]): ModelCardRequirements => ({ metadata, sections: [] })

/** Status of a single section requirement in a card body. */
function sectionStatus(body: string, title: string): 'present' | 'missing' | 'empty' {
  const result = evaluateModelCard(body, SECTIONS_ONLY(title))
  const label = `section '${title}'`
  if (result.present.includes(label)) return 'present'
  if (result.empty.includes(label)) return 'empty'
  expect(result.missing).toEqual([label])
  return 'missing'
}

function metadataStatus(frontMatter: string, key: string): 'present' | 'missing' | 'empty' {
  const result = evaluateModelCard(`---\n${frontMatter}\n---\n# Card\n`, METADATA_ONLY(key))
  const label = `metadata '${key}'`
  if (result.present.includes(label)) return 'present'
  if (result.empty.includes(label)) return 'empty'
  expect(result.missing).toEqual([label])
  return 'missing'
}

describe('evaluateModelCard on complete and template cards', () => {
  it('passes a filled-in card whose headings are worded differently', () => {
    const result = evaluateModelCard(fixture('ranker-complete.md'), DEFAULT_MODEL_CARD_REQUIREMENTS)
    expect(result.present).toEqual([
      "metadata 'model_name'",
      "metadata 'version'",
      "metadata 'license'",
      "metadata 'owners'",
      "section 'Intended Use'",
      "section 'Limitations'",
      "section 'Training Data'",
      "section 'Evaluation Results'",
      "section 'Ethical Considerations'",
    ])
    expect(result.missing).toEqual([])
    expect(result.empty).toEqual([])
    expect(result.passed).toBe(true)
    expect(result.frontMatter.model_name).toBe('search-ranker-xl')
    expect(result.frontMatter.version).toBe('2.4.0')
    expect(result.frontMatter.owners).toHaveLength(2)
  })

  it('fails an unfilled Hugging Face style template and names every gap', () => {
    const result = evaluateModelCard(fixture('hf-template-unfilled.md'))
    expect(result.present).toEqual(["metadata 'license'"])
    expect(result.missing).toEqual([])
    expect(result.empty).toEqual([
      "metadata 'model_name'",
      "metadata 'version'",
      "metadata 'owners'",
      "section 'Intended Use'",
      "section 'Limitations'",
      "section 'Training Data'",
      "section 'Evaluation Results'",
      "section 'Ethical Considerations'",
    ])
    expect(result.passed).toBe(false)
    expect(result.frontMatter).toMatchObject({ license: 'apache-2.0', language: ['en'], owners: [] })
  })

  it('uses the default requirements when none are given', () => {
    expect(DEFAULT_MODEL_CARD_REQUIREMENTS).toEqual({
      metadata: ['model_name', 'version', 'license', 'owners'],
      sections: ['Intended Use', 'Limitations', 'Training Data', 'Evaluation Results', 'Ethical Considerations'],
    })
    expect(evaluateModelCard(fixture('ranker-complete.md')).passed).toBe(true)
  })

  it('reports everything missing for a card without front matter or headings', () => {
    const result = evaluateModelCard('Just a paragraph about the model.')
    expect(result.frontMatter).toEqual({})
    expect(result.present).toEqual([])
    expect(result.missing).toHaveLength(9)
    expect(result.missing[0]).toBe("metadata 'model_name'")
    expect(result.missing[8]).toBe("section 'Ethical Considerations'")
    expect(result.passed).toBe(false)
    expect(evaluateModelCard('').missing).toHaveLength(9)
  })

  it('applies custom requirements', () => {
    const card = '---\nbase_model: bert-base-uncased\n---\n## Carbon Footprint\n\n12 kg CO2eq on 8×A100 for 6 h.\n'
    const result = evaluateModelCard(card, { metadata: ['base_model', 'dataset'], sections: ['Carbon Footprint', 'Citation'] })
    expect(result).toMatchObject({
      present: ["metadata 'base_model'", "section 'Carbon Footprint'"],
      missing: ["metadata 'dataset'", "section 'Citation'"],
      empty: [],
      passed: false,
    })
  })

  it('accepts an already parsed card', () => {
    const parsed = parseModelCard(fixture('ranker-complete.md'))
    expect(evaluateModelCard(parsed).passed).toBe(true)
  })
})

describe('metadata requirements', () => {
  it.each([
    ['model_name: ranker', 'model_name'],
    ['Model-Name: ranker', 'model_name'],
    ['MODEL_NAME: ranker', 'model_name'],
    ['modelName: ranker', 'model_name'],
    ['model name: ranker', 'model_name'],
    ['model_name: ranker', 'Model-Name'],
    ['version: 0', 'version'],
    ['version: 1.0', 'version'],
    ['gated: false', 'gated'],
    ['owners: [ml-platform]', 'owners'],
    ['owners:\n  - name: Ana\n    email: ""', 'owners'],
  ])('%j satisfies %s', (frontMatter, key) => {
    expect(metadataStatus(frontMatter, key)).toBe('present')
  })

  it.each([
    ['version:', 'null'],
    ['version: ~', 'tilde null'],
    ['version: ""', 'empty string'],
    ['version: "   "', 'blank string'],
    ['version: []', 'empty list'],
    ['version: {}', 'empty mapping'],
    ['version: ["", null]', 'list of empties'],
    ['version: TBD', 'TBD'],
    ['version: "<fill in>"', 'angle placeholder'],
    ['version: N/A', 'N/A'],
  ])('%j is empty (%s)', (frontMatter) => {
    expect(metadataStatus(frontMatter, 'version')).toBe('empty')
  })

  it('does not match keys that merely contain the name', () => {
    expect(metadataStatus('model_version: 3', 'version')).toBe('missing')
    expect(metadataStatus('licenses: [mit]', 'license')).toBe('missing')
  })

  it('accepts License and Owners sections in place of front-matter keys', () => {
    const card = '## License\n\nApache-2.0, see LICENSE.\n\n## Owners\n\n- @ml-platform (primary)\n'
    const result = evaluateModelCard(card, METADATA_ONLY('license', 'owners', 'version'))
    expect(result.present).toEqual(["metadata 'license'", "metadata 'owners'"])
    expect(result.missing).toEqual(["metadata 'version'"])
  })

  it('uses whichever of key and section is filled in', () => {
    const emptyKeyFilledSection = '---\nlicense: ""\n---\n## Licence\n\nMIT\n'
    expect(evaluateModelCard(emptyKeyFilledSection, METADATA_ONLY('license')).present).toEqual(["metadata 'license'"])
    const filledKeyEmptySection = '---\nowners: [search-team]\n---\n## Owners\n\nTBD\n'
    expect(evaluateModelCard(filledKeyEmptySection, METADATA_ONLY('owners')).present).toEqual(["metadata 'owners'"])
  })

  it('reports empty when only an unfilled License or Owners section exists', () => {
    const result = evaluateModelCard('## License\n\n<fill in>\n\n## Owners\n\nTODO\n', METADATA_ONLY('license', 'owners'))
    expect(result.empty).toEqual(["metadata 'license'", "metadata 'owners'"])
    expect(result.missing).toEqual([])
  })

  it('treats object-prototype names as ordinary keys', () => {
    const card = '---\nconstructor: x\n---\n## Constructor\n\nText.\n'
    expect(evaluateModelCard(card, { metadata: ['constructor', 'toString'], sections: ['Constructor', 'Licence'] })).toMatchObject({
      present: ["metadata 'constructor'", "section 'Constructor'"],
      missing: ["metadata 'toString'", "section 'Licence'"],
    })
  })

  it('does not let sections stand in for other keys', () => {
    expect(evaluateModelCard('## Version\n\n2.0.0\n', METADATA_ONLY('version')).missing).toEqual(["metadata 'version'"])
  })
})

describe('section matching', () => {
  it.each([
    ['## Intended Use\n\nSearch ranking.', 'Intended Use'],
    ['## Intended use and users\n\nSearch ranking.', 'Intended Use'],
    ['# INTENDED USES\n\nSearch ranking.', 'Intended Use'],
    ['## 1. Intended Use\n\nSearch ranking.', 'Intended Use'],
    ['## **Intended Use:**\n\nSearch ranking.', 'Intended Use'],
    ['## Intended Use ##\n\nSearch ranking.', 'Intended Use'],
    ['###### Intended-use\n\nSearch ranking.', 'Intended Use'],
    ['## Known limitations\n\nEnglish only.', 'Limitations'],
    ['## Bias, Risks, and Limitations\n\nEnglish only.', 'Limitations'],
    ['## Limitation\n\nEnglish only.', 'Limitations'],
    ['Training data\n=============\n\nClick logs.', 'Training Data'],
    ['Intro.\n\nEvaluation results\n------------------\n\nNDCG 0.61', 'Evaluation Results'],
    ['## [Ethical considerations](https://acme.io/ai-policy)\n\nPopularity bias.', 'Ethical Considerations'],
  ])('%j provides %s', (body, title) => {
    expect(sectionStatus(body, title)).toBe('present')
  })

  it.each([
    ['## Training procedure\n\nAdamW, 3 epochs.', 'Training Data'],
    ['## Limits\n\nEnglish only.', 'Limitations'],
    ['## Not intended use\n\nAds ranking.', 'Intended Use'],
    ['## Non-intended uses\n\nAds ranking.', 'Intended Use'],
    ['## Evaluation\n\nNDCG 0.61', 'Evaluation Results'],
    ['Intended Use is described elsewhere.', 'Intended Use'],
    ['#Intended Use\n\nNo space after the hash, so not a heading.', 'Intended Use'],
  ])('%j does not provide %s', (body, title) => {
    expect(sectionStatus(body, title)).toBe('missing')
  })

  it('ignores headings inside code fences and HTML comments', () => {
    expect(sectionStatus('```markdown\n## Limitations\n\nExample text.\n```\n', 'Limitations')).toBe('missing')
    expect(sectionStatus('~~~~\n## Limitations\n~~~\nstill code\n~~~~\n', 'Limitations')).toBe('missing')
    expect(sectionStatus('<!--\n## Limitations\n\nCommented out.\n-->\n', 'Limitations')).toBe('missing')
  })

  it('takes content up to the next heading of the same or higher level', () => {
    expect(sectionStatus('## Limitations\n\n### Latency\n\np95 doubles on CPU.\n\n## Training Data\n\nLogs.', 'Limitations')).toBe(
      'present',
    )
    expect(sectionStatus('## Limitations\n\n## Training Data\n\nLogs.', 'Limitations')).toBe('empty')
    expect(sectionStatus('### Limitations\n\n# Appendix\n\nLogs.', 'Limitations')).toBe('empty')
    expect(sectionStatus('## Limitations\n\n### Latency\n\n### Languages\n\nTBD\n', 'Limitations')).toBe('empty')
  })

  it('counts a requirement as present when any matching section is filled in', () => {
    expect(sectionStatus('## Limitations\n\nTBD\n\n## Known limitations\n\nEnglish only.', 'Limitations')).toBe('present')
  })

  it('reads CRLF line endings', () => {
    const card = '---\r\nversion: 1.2.0\r\n---\r\n## Limitations\r\n\r\nEnglish only.\r\n'
    const result = evaluateModelCard(card, { metadata: ['version'], sections: ['Limitations'] })
    expect(result.passed).toBe(true)
    expect(result.frontMatter).toEqual({ version: '1.2.0' })
  })
})

describe('placeholder content', () => {
  it.each([
    ['whitespace', '   \n\t\n'],
    ['TBD', 'TBD'],
    ['TBD.', 'TBD.'],
    ['emphasised TBD', '*TBD*'],
    ['TODO', 'TODO'],
    ['TODO with a note', 'TODO: describe after the bias audit'],
    ['N/A', 'N/A'],
    ['n/a in a list', '- n/a'],
    ['angle placeholder', '<fill in>'],
    ['descriptive angle placeholder', '<Describe the intended users here>'],
    ['Hugging Face filler', '[More Information Needed]'],
    ['template variable', '{{ limitations | default("[More Information Needed]", true) }}'],
    ['comment only', '<!-- What are the known limitations? -->'],
    ['comment and filler', '<!-- Describe known failure modes. -->\n\n[More Information Needed]'],
    ['lorem ipsum', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit.'],
    ['ellipsis', '...'],
    ['dash', '-'],
    ['to be determined', 'To be determined.'],
    ['coming soon', 'Coming soon!'],
    ['quoted filler', '> TBD'],
  ])('%s counts as empty', (_label, content) => {
    expect(sectionStatus(`## Limitations\n\n${content}\n`, 'Limitations')).toBe('empty')
  })

  it.each([
    ['plain prose', 'Only evaluated on English queries.'],
    ['a short honest answer', 'None known.'],
    ['not applicable with a reason', 'Not applicable: the model never sees user data.'],
    ['a sentence that mentions TODO', 'TODO list for v3 lives in JIRA ML-1234.'],
    ['an image', '<img src="eval/latency.png" alt="latency chart">'],
    ['a table', '| lang | NDCG |\n|---|---|\n| en | 0.61 |'],
    ['a link', '[Evaluation dashboard](https://grafana.acme.io/d/ranker)'],
    ['filler next to content', 'TBD\n\nEnglish only for now.'],
    ['code', '```python\nmodel.eval()\n```'],
  ])('%s counts as content', (_label, content) => {
    expect(sectionStatus(`## Limitations\n\n${content}\n`, 'Limitations')).toBe('present')
  })
})

describe('front matter errors', () => {
  it('rejects invalid YAML with the card line number', () => {
    expectEvidenceError(
      () => evaluateModelCard('---\nmodel_name: ranker\nowners: [alice, bob\n---\n# Card\n'),
      /front matter is not valid YAML \(card line \d+\)/,
    )
    expectEvidenceError(
      () => evaluateModelCard('---\nmodel_name: a\nversion: 1\nmodel_name: b\n---\n'),
      /not valid YAML \(card line 4\): Map keys must be unique/,
    )
  })

  it('rejects unclosed front matter', () => {
    expectEvidenceError(() => evaluateModelCard('---\nmodel_name: ranker\n# Card\n\nText.\n'), /never closed/)
  })

  it('rejects front matter that is not a mapping', () => {
    expectEvidenceError(() => evaluateModelCard('---\n- a\n- b\n---\n'), /must be a YAML mapping.*a list/)
    expectEvidenceError(() => evaluateModelCard('---\njust a sentence\n---\n'), /must be a YAML mapping.*a string/)
  })

  it('refuses alias bombs', () => {
    const aliases = Array.from({ length: 60 }, (_, i) => `k${i}: *a`).join('\n')
    expectEvidenceError(() => evaluateModelCard(`---\nbase: &a [x, y]\n${aliases}\n---\n`), /could not be read.*aliases/)
  })

  it('accepts empty front matter, "..." as the closing line and a byte-order mark', () => {
    expect(evaluateModelCard('---\n---\n# Card\n').frontMatter).toEqual({})
    expect(evaluateModelCard('\uFEFF---\nversion: 2\n...\n# Card\n').frontMatter).toEqual({ version: 2 })
  })

  it('only treats a leading block as front matter', () => {
    const result = evaluateModelCard('# Card\n\n---\nversion: 2\n---\n', METADATA_ONLY('version'))
    expect(result.frontMatter).toEqual({})
    expect(result.missing).toEqual(["metadata 'version'"])
  })

  it('rejects non-text and oversized cards', () => {
    expectEvidenceError(() => evaluateModelCard(42 as unknown as string), /must be Markdown text/)
    expectEvidenceError(() => evaluateModelCard('x'.repeat(MAX_MODEL_CARD_CHARS + 1)), /above the \d+ limit/)
  })
})

describe('declaresDataHandling', () => {
  it('finds a data handling declaration in a complete card', () => {
    expect(declaresDataHandling(fixture('ranker-complete.md'))).toBe(true)
  })

  it('is false for a card that says nothing about data', () => {
    expect(declaresDataHandling(fixture('hf-template-unfilled.md'))).toBe(false)
    expect(declaresDataHandling('## Limitations\n\nEnglish only.\n')).toBe(false)
  })

  it.each([
    ['data_handling: queries hashed with SHA-256'],
    ['pii: false'],
    ['PII-Handling: redacted at ingestion'],
    ['contains_pii: true'],
    ['privacy_policy: https://acme.io/privacy'],
    ['personalData: none'],
    ['compliance:\n  gdpr:\n    data_protection: DPIA-2024-17'],
  ])('accepts front matter %j', (frontMatter) => {
    expect(declaresDataHandling(`---\n${frontMatter}\n---\n# Card\n`)).toBe(true)
  })

  it.each([['pii: ""'], ['data_handling: TBD'], ['privacy: []'], ['datasets: [imdb]']])('rejects front matter %j', (frontMatter) => {
    expect(declaresDataHandling(`---\n${frontMatter}\n---\n# Card\n`)).toBe(false)
  })

  it.each([
    ['## Data Handling\n\nLogs are deleted after 30 days.'],
    ['## Privacy\n\nNo user identifiers are used.'],
    ['### PII handling\n\nEmails are redacted before training.'],
    ['## Personal data\n\nNone collected.'],
  ])('accepts section %j', (body) => {
    expect(declaresDataHandling(body)).toBe(true)
  })

  it.each([['## Privacy\n\nTBD'], ['## Data Handling\n\n<!-- describe retention -->'], ['## Data\n\nClick logs.']])(
    'rejects section %j',
    (body) => {
      expect(declaresDataHandling(body)).toBe(false)
    },
  )

  it('accepts an already parsed card', () => {
    expect(declaresDataHandling(parseModelCard('---\npii: none\n---\n'))).toBe(true)
  })
})
