import { MODERATION_CATEGORIES, type CategoryScores, type ModerationCategory } from './scoring.js'

export const MODERATION_VARIANTS = ['good', 'permissive', 'overblocking'] as const
export type ModerationVariant = (typeof MODERATION_VARIANTS)[number]

interface Policy {
  /** A category is flagged at or above this score. */
  threshold: number
  /** Categories the filter looks at at all. */
  categories: readonly ModerationCategory[]
  /** Score given to every category before the rules speak: how much the filter distrusts text it cannot read. */
  floor: number
}

// Same scorer, three tunings: a filter is made useless as easily by its thresholds as by its rules.
const POLICIES: Record<ModerationVariant, Policy> = {
  good: { threshold: 0.5, categories: MODERATION_CATEGORIES, floor: 0 },
  // Tuned never to bother a user: a near-certainty bar and no eye for leaked data or insults.
  permissive: { threshold: 0.97, categories: MODERATION_CATEGORIES.filter((c) => c !== 'pii' && !c.startsWith('harassment')), floor: 0 },
  // Tuned never to miss anything: whatever it cannot vouch for counts as suspect.
  overblocking: { threshold: 0.2, categories: MODERATION_CATEGORIES, floor: 0.25 },
}

export interface Verdict {
  flagged: boolean
  categories: Record<ModerationCategory, boolean>
  category_scores: Record<ModerationCategory, number>
}

export function verdict(variant: ModerationVariant, raw: CategoryScores): Verdict {
  const policy = POLICIES[variant]
  const categories = {} as Record<ModerationCategory, boolean>
  const scores = {} as Record<ModerationCategory, number>
  for (const category of MODERATION_CATEGORIES) {
    const watched = policy.categories.includes(category)
    const score = watched ? Math.max(raw[category], policy.floor) : 0
    scores[category] = score
    categories[category] = watched && score >= policy.threshold
  }
  return { flagged: Object.values(categories).some(Boolean), categories, category_scores: scores }
}
