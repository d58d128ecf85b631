// model_card: the card CI uploaded must carry the metadata and sections the policy lists,
// each present and non-empty.
import { EvidenceError } from '../evidence/errors.js'
import { evaluateModelCard } from '../evidence/model-card.js'
import { failed, type CheckDefinition } from '../check.js'
import { stringListParam } from './params.js'

export const modelCardCheck: CheckDefinition = {
  id: 'model_card',
  tier: 'security',
  title: 'Model card completeness',
  async run({ evidence, params }) {
    const requirements = {
      metadata: stringListParam(params, 'metadata', ['model_name', 'version', 'license', 'owners']),
      sections: stringListParam(params, 'sections', ['Intended Use', 'Limitations', 'Training Data', 'Evaluation Results', 'Ethical Considerations']),
    }
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
}
