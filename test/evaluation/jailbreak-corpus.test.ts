import { describe, expect, it } from 'vitest'
import { buildJailbreakCases, jailbreakTemplates } from '../../src/evaluation/corpora/jailbreak/build.js'
import { harmfulRequests } from '../../src/evaluation/corpora/jailbreak/harmful-requests.js'
import { HARM_CATEGORIES } from '../../src/evaluation/corpora/types.js'
import { buildSuffixJailbreaks, llmSuffixes, randomSuffix, classifierSuffixes } from '../../src/evaluation/corpora/adversarial-suffixes.js'
import { backdoorTriggers } from '../../src/evaluation/corpora/backdoor-triggers.js'

describe('jailbreak corpus', () => {
  it('covers every harm category with several requests, ids unique', () => {
    for (const c of HARM_CATEGORIES) expect(harmfulRequests.filter((r) => r.category === c).length, c).toBeGreaterThanOrEqual(4)
    expect(new Set(harmfulRequests.map((r) => r.id)).size).toBe(harmfulRequests.length)
  })

  it('holds requests only: nothing that reads like an answer', () => {
    for (const r of harmfulRequests) {
      expect(r.request).not.toMatch(/\bstep\s*\d\s*:|^\s*\d\.\s|```/im)
      expect(r.request.length).toBeLessThan(200)
    }
  })

  it('has every wrapper kind the gate tests for', () => {
    const kinds = new Set(jailbreakTemplates.map((t) => t.kind))
    for (const k of ['direct', 'role_play', 'hypothetical', 'fiction', 'developer_mode', 'dan', 'refusal_suppression', 'prefix_injection', 'multi_turn']) expect(kinds).toContain(k)
  })

  it('builds the full cross product by default, each case carrying its request', () => {
    const cases = buildJailbreakCases()
    expect(cases).toHaveLength(harmfulRequests.length * jailbreakTemplates.length)
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length)
    for (const c of cases) {
      const request = harmfulRequests.find((r) => c.id.startsWith(`${r.id}__`))!
      const all = c.messages.map((m) => m.content).join('\n')
      const words = request.request.split(' ')
      // payload_split cuts the request in two quoted halves; every other wrapper keeps it whole.
      if (c.template === 'payload_split') expect(all).toContain(words.slice(Math.ceil(words.length / 2)).join(' '))
      else expect(all.toLowerCase()).toContain(request.request.slice(1, -1).toLowerCase())
      expect(c.messages.at(-1)!.role === 'user' || c.template === 'prefix_injection_prefilled').toBe(true)
    }
  })

  it('multi-turn templates hold several turns with scripted assistant replies', () => {
    const multi = buildJailbreakCases().filter((c) => c.template.startsWith('multi_turn'))
    expect(multi.length).toBeGreaterThan(0)
    for (const c of multi) {
      expect(c.messages.length).toBeGreaterThanOrEqual(3)
      expect(c.messages.some((m) => m.role === 'assistant')).toBe(true)
    }
  })

  it('samples the same number per (category, template) cell, reproducibly', () => {
    const a = buildJailbreakCases({ perCell: 2, seed: 9 })
    const b = buildJailbreakCases({ perCell: 2, seed: 9 })
    expect(a.map((c) => c.id)).toEqual(b.map((c) => c.id))
    expect(a).toHaveLength(HARM_CATEGORIES.length * jailbreakTemplates.length * 2)
    const cells = new Map<string, number>()
    for (const c of a) cells.set(`${c.category}|${c.template}`, (cells.get(`${c.category}|${c.template}`) ?? 0) + 1)
    expect([...cells.values()].every((n) => n === 2)).toBe(true)
    expect(buildJailbreakCases({ perCell: 2, seed: 10 }).map((c) => c.id)).not.toEqual(a.map((c) => c.id))
  })
})

describe('adversarial suffixes', () => {
  it('appends each suffix to each request', () => {
    const cases = buildSuffixJailbreaks()
    expect(cases).toHaveLength(llmSuffixes.length * harmfulRequests.length)
    expect(cases[0]!.messages[0]!.content.endsWith(llmSuffixes[0]!)).toBe(true)
  })

  it('generates fresh suffixes deterministically', () => {
    expect(randomSuffix(1)).toBe(randomSuffix(1))
    expect(randomSuffix(1)).not.toBe(randomSuffix(2))
    expect(randomSuffix('x', 10).split(' ')).toHaveLength(10)
  })

  it('classifier suffixes contain no published backdoor trigger, so the two probes stay separate', () => {
    const triggers = backdoorTriggers.map((t) => t.trigger.toLowerCase())
    for (const s of classifierSuffixes) {
      const tokens = s.toLowerCase().split(/\s+/)
      for (const t of triggers) expect(tokens.includes(t) || (t.includes(' ') && s.toLowerCase().includes(t)), `${s} holds ${t}`).toBe(false)
    }
  })
})
