// model_card: the card CI uploaded must carry the metadata and sections the policy lists,
// each present and non-empty.
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
  passesWhen: (p) => `the card has the metadata ${p.metadata.map((m) => `\`${m}\``).join(', ')} and non-empty sections ${p.sections.join(', ')}`,
  params: Type.Object({
    metadata: Names(DEFAULT_MODEL_CARD_REQUIREMENTS.metadata, 'front-matter keys (or a section of that name) that must be filled in'),
    sections: Names(DEFAULT_MODEL_CARD_REQUIREMENTS.sections, 'section headings that must be present and non-empty'),
  }, { additionalProperties: false }),
  requires: { evidence: { modelCard: ModelCardEvidence } },
  severity: 'medium',
  environments: ALL_ENVIRONMENTS,
  runner: 'worker',
  async run({ evidence, params: requirements }) {
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
    const measured = { present: result.present.length, missing: result.missing.length, empty: result.empty.length }
    const details = { present: result.present, missing: result.missing, empty: result.empty }
    if (result.passed) {
      return { status: 'passed', measured, threshold, details, summary: `all ${result.present.length} required entries present and filled in` }
    }
    const problems = [...result.missing.map((m) => `missing ${m}`), ...result.empty.map((m) => `empty ${m}`)]
    return {
      status: 'failed',
      measured,
      threshold,
      details,
      summary: `model card incomplete: ${problems.join(', ')}`,
      remedy: `complete the model card: ${problems.join(', ')}`,
    }
  },
})
