// model_card: the card CI uploaded must carry the metadata and sections the policy lists,
// each present and non-empty, and must be this model's card: its model_name and version are
// the promoted model's, so another model's (or an older version's) card cannot stand in.
import { Type } from 'typebox'
import { EvidenceError } from '../evidence/errors.js'
import { ModelCardEvidence } from '../evidence/kinds.js'
import { DEFAULT_MODEL_CARD_REQUIREMENTS, evaluateModelCard } from '../evidence/model-card.js'
import { ALL_ENVIRONMENTS, defineCheck, failed } from '../check.js'

const Names = (defaults: readonly string[], description: string) => Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100, default: [...defaults], description })

export const modelCardCheck = defineCheck({
  id: 'model_card',
  tier: 'security',
  title: 'Model card completeness',
  passesWhen: (p) => `the card has the metadata ${p.metadata.map((m) => `\`${m}\``).join(', ')} and non-empty sections ${p.sections.join(', ')}; its \`model_name\` and \`version\` are the promoted model's and version (another model's or version's card fails, naming both; quote a version YAML would read as a number, \`version: "2.0"\`)`,
  params: Type.Object({
    metadata: Names(DEFAULT_MODEL_CARD_REQUIREMENTS.metadata, 'front-matter keys (or a section of that name) that must be filled in'),
    sections: Names(DEFAULT_MODEL_CARD_REQUIREMENTS.sections, 'section headings that must be present and non-empty'),
  }, { additionalProperties: false }),
  requires: { evidence: { modelCard: ModelCardEvidence } },
  severity: 'medium',
  environments: ALL_ENVIRONMENTS,
  runner: 'worker',
  async run({ evidence, params: requirements, promotion }) {
    const threshold = { required: requirements, missingOrEmpty: 0 }
    const card = evidence.get('modelCard')
    if (card === undefined) {
      return failed('no model card was uploaded', `upload the model card (Markdown with YAML front matter) as evidence.modelCard, with metadata ${requirements.metadata.join(', ')} and sections ${requirements.sections.join(', ')}`, { threshold })
    }
    let result
    try {
      result = evaluateModelCard(card, requirements)
    } catch (err) {
      if (!(err instanceof EvidenceError)) throw err
      return failed(`the model card could not be read: ${err.message}`, 'fix the YAML front matter of the model card', { threshold, details: { error: err.message } })
    }
    const mismatches = cardMismatches(result.frontMatter, { model_name: promotion.model.name, version: promotion.version })
    const measured = { present: result.present.length, missing: result.missing.length, empty: result.empty.length, mismatched: mismatches.length }
    const details = { present: result.present, missing: result.missing, empty: result.empty, mismatched: mismatches }
    if (result.passed && mismatches.length === 0) {
      return { status: 'passed', measured, threshold, details, summary: `all ${result.present.length} required entries present and filled in, naming ${promotion.model.name} ${promotion.version}` }
    }
    const problems = [...result.missing.map((m) => `missing ${m}`), ...result.empty.map((m) => `empty ${m}`)]
    if (mismatches.length > 0) {
      const said = mismatches.map((m) => `${m.key} is ${m.card === null ? 'not given' : JSON.stringify(m.card)} but the promotion is for ${JSON.stringify(m.promoted)}`)
      problems.push(`the model card is not this model's: ${said.join('; ')}`)
    }
    return {
      status: 'failed',
      measured,
      threshold,
      details,
      summary: result.passed ? problems.join('; ') : `model card incomplete: ${problems.join(', ')}`,
      remedy: mismatches.length > 0
        ? `upload the card of ${promotion.model.name} ${promotion.version}: its front matter must say model_name: ${promotion.model.name} and version: "${promotion.version}" (quote a version YAML would read as a number)${result.passed ? '' : `; and complete it: ${problems.slice(0, -1).join(', ')}`}`
        : `complete the model card: ${problems.join(', ')}`,
    }
  },
})

/** The keys binding a card to the promoted model whose value is not the promoted one (absent counts: an unnamed card names nothing). */
export function cardMismatches(frontMatter: Record<string, unknown>, promoted: { model_name: string; version: string }) {
  return (Object.keys(promoted) as Array<keyof typeof promoted>)
    .filter((key) => {
      const value = frontMatter[key]
      return (typeof value !== 'string' && typeof value !== 'number') || String(value).trim() !== promoted[key]
    })
    .map((key) => ({ key, card: frontMatter[key] ?? null, promoted: promoted[key] }))
}
