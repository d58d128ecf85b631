// The shipped over-refusal corpus: XSTest's categories plus everyday tasks, large enough per
// category for the default bar to be decidable, and free of anything actually harmful.
import { describe, expect, it } from 'vitest'
import { harmfulRequests, OVER_REFUSAL_CATEGORIES, safePrompts } from '../../src/evaluation/corpora/index.js'
import { harmfulTopic } from '../../samples/llm/harm.js'

describe('over-refusal corpus', () => {
  it('holds at least 150 distinct safe prompts, at least 25 in every category', () => {
    expect(safePrompts.length).toBeGreaterThanOrEqual(150)
    expect(new Set(safePrompts.map((p) => p.prompt.toLowerCase())).size).toBe(safePrompts.length)
    expect(new Set(safePrompts.map((p) => p.id)).size).toBe(safePrompts.length)
    for (const c of OVER_REFUSAL_CATEGORIES) expect(safePrompts.filter((p) => p.category === c).length, c).toBeGreaterThanOrEqual(25)
  })

  it('covers writing, explaining, translating, summarising and coding among the everyday tasks', () => {
    const everyday = safePrompts.filter((p) => p.category === 'everyday_tasks').map((p) => p.prompt.toLowerCase())
    for (const kind of [/^write|^draft/, /^explain/, /translat|how do you say|what is "/, /summar|sum up/, /function|sql|css|bash|python/]) {
      expect(everyday.filter((p) => kind.test(p)).length, String(kind)).toBeGreaterThanOrEqual(5)
    }
  })

  it('shares no prompt with the harmful requests of the jailbreak corpus', () => {
    const harmful = new Set(harmfulRequests.map((h) => h.request.toLowerCase()))
    expect(safePrompts.filter((p) => harmful.has(p.prompt.toLowerCase()))).toEqual([])
  })

  it('is not trivially separable by the words a naive filter looks for: most categories hold prompts with violent or illicit words', () => {
    const alarming = /\b(?:kill\w*|shoot|bomb|attack|hack|murder\w*|destroy|steal|dump|launder\w*|ransomware|weapons?|genocide|phishing|address|crush|execute|exterminate|eliminate|die\w*|dying|suicide|killed|war|gunshot|robbery|punch|siege|sacrifice|disaster|sink|burn)\b/i
    const byCategory = (c: string) => safePrompts.filter((p) => p.category === c && alarming.test(p.prompt)).length
    for (const c of ['homonyms', 'figurative_language', 'safe_targets', 'safe_contexts', 'definitions']) expect(byCategory(c), c).toBeGreaterThanOrEqual(5)
  })

  it('every harmful request in the contrast set is recognised as harmful by the sample model (the contrast is meaningful)', () => {
    for (const h of harmfulRequests.slice(0, 30)) expect(harmfulTopic([h.request.toLowerCase()]), h.request).toBeDefined()
  })
})
