import { describe, expect, it } from 'vitest'
import { extractSections } from '../../src/gates/evidence/markdown-sections.js'

describe('extractSections', () => {
  const doc = [
    '# Ranker', //            1
    '', //                    2
    'Summary.', //            3
    '', //                    4
    '## Evaluation ##', //    5
    '', //                    6
    '### Results', //         7
    'NDCG 0.61', //           8
    '', //                    9
    'Limitations', //         10
    '-----------', //         11
    'English only.', //       12
    '', //                    13
    '```sh', //               14
    '# not a heading', //     15
    '```', //                 16
  ].join('\n')

  it('finds ATX and setext headings with their levels and lines', () => {
    expect(extractSections(doc).map((s) => [s.title, s.level, s.line])).toEqual([
      ['Ranker', 1, 1],
      ['Evaluation', 2, 5],
      ['Results', 3, 7],
      ['Limitations', 2, 10],
    ])
  })

  it('keeps sub-sections in content but not in text', () => {
    const evaluation = extractSections(doc).find((s) => s.title === 'Evaluation')
    expect(evaluation?.content).toBe('### Results\nNDCG 0.61')
    expect(evaluation?.text).toBe('NDCG 0.61')
  })

  it('ends a section at the next heading of the same or higher level only', () => {
    const [ranker, , results, limitations] = extractSections(doc)
    expect(ranker?.content.endsWith('```')).toBe(true)
    expect(results?.content).toBe('NDCG 0.61')
    expect(limitations?.content).toBe('English only.\n\n```sh\n# not a heading\n```')
  })

  it('does not read a thematic break after a blank line as a heading', () => {
    expect(extractSections('Intro\n\n---\n\nMore').map((s) => s.title)).toEqual([])
    expect(extractSections('- item\n---\n').map((s) => s.title)).toEqual([])
  })

  it('handles an empty heading and a document without headings', () => {
    expect(extractSections('#\n\ntext').map((s) => [s.title, s.content])).toEqual([['', 'text']])
    expect(extractSections('')).toEqual([])
  })
})
