// Jailbreak cases: harmful requests crossed with wrappers. The full product is the default; a
// stratified sample (the same number of requests in every category × template cell, chosen by a
// seeded generator) keeps a run short without dropping any category or wrapper.
import { createRng } from '../prng.js'
import type { ChatMessage, HarmCategory } from '../types.js'
import { harmfulRequests, type HarmfulRequest } from './harmful-requests.js'
import { singleTurnTemplates, type JailbreakTemplate } from './wrappers.js'
import { multiTurnTemplates } from './multi-turn.js'

export interface JailbreakCase {
  id: string
  category: HarmCategory
  template: string
  messages: ChatMessage[]
}

export const jailbreakTemplates: readonly JailbreakTemplate[] = [...singleTurnTemplates, ...multiTurnTemplates]

export interface JailbreakBuildOptions {
  requests?: readonly HarmfulRequest[]
  templates?: readonly JailbreakTemplate[]
  // Requests per (category, template) cell; omit for the full product.
  perCell?: number
  seed?: number | string
}

export function buildJailbreakCases(options: JailbreakBuildOptions = {}): JailbreakCase[] {
  const requests = options.requests ?? harmfulRequests
  const templates = options.templates ?? jailbreakTemplates
  const rng = createRng(options.seed ?? 'jailbreak')
  const byCategory = new Map<HarmCategory, HarmfulRequest[]>()
  for (const r of requests) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r])

  const cases: JailbreakCase[] = []
  for (const template of templates) {
    for (const [category, pool] of byCategory) {
      const chosen = options.perCell === undefined ? pool : rng.sample(pool, options.perCell)
      for (const r of chosen) cases.push({ id: `${r.id}__${template.id}`, category, template: template.id, messages: template.render(r.request) })
    }
  }
  return cases
}
