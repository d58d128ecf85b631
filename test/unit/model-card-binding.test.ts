// model_card must be the promoted model's card: another model's, or another version's, card
// fails the check with a message that says which field disagrees.
import { describe, expect, it } from 'vitest'
import { defaultParams } from '../../src/core/check-catalog.js'
import type { CheckContext, MeasuredCheck, PromotionSubject } from '../../src/gates/check.js'
import { cardMismatches, modelCardCheck as definition } from '../../src/gates/checks/model-card.js'

// The catalog entry as the tier runner calls it, with the default params applied.
const modelCardCheck = definition as MeasuredCheck
const defaults = defaultParams(definition)
import { modelCard } from '../helpers/evidence.js'

const promotion = (name: string, version: string) => ({
  id: 'p-1',
  model: { name, kind: 'classifier', owner: 'team', userFacing: false, handlesPii: false, financialImpact: false },
  version,
  targetEnvironment: 'staging',
  requestedBy: 'ci',
  endpoint: null,
  evaluation: null,
  outputFilter: null,
  artifact: null,
}) satisfies PromotionSubject

// The check reads only its evidence, params and promotion.
const run = (card: string, name = 'fraud-detector', version = '1.4.0') =>
  modelCardCheck.run({ evidence: new Map([['modelCard', card]]), params: defaults, promotion: promotion(name, version) } as unknown as CheckContext)

describe('model_card binds the card to the promoted model', () => {
  it('passes the card of this model and version', async () => {
    const o = await run(modelCard({ model: 'fraud-detector', version: '1.4.0' }))
    expect(o).toMatchObject({ status: 'passed', measured: { mismatched: 0 } })
    expect(o.summary).toContain('fraud-detector 1.4.0')
  })

  it('fails another model\'s card, naming both names', async () => {
    const o = await run(modelCard({ model: 'churn-model', version: '1.4.0' }))
    expect(o.status).toBe('failed')
    expect(o.summary).toBe('the model card is not this model\'s: model_name is "churn-model" but the promotion is for "fraud-detector"')
    expect(o.remedy).toMatch(/model_name: fraud-detector and version: "1\.4\.0"/)
  })

  it('fails the card of another version (an old card carried forward)', async () => {
    const o = await run(modelCard({ model: 'fraud-detector', version: '1.3.0' }))
    expect(o.status).toBe('failed')
    expect(o.summary).toMatch(/version is "1\.3\.0" but the promotion is for "1\.4\.0"/)
    expect(o.measured).toMatchObject({ mismatched: 1 })
  })

  it('fails a version YAML reads as a number unless it is the same text, and says to quote it', async () => {
    const unquoted = (v: string) => modelCard({ model: 'fraud-detector', version: v }).replace(`version: "${v}"`, `version: ${v}`)
    const o = await run(unquoted('2.0'), 'fraud-detector', '2.0')
    // YAML reads 2.0 as the number 2: not the text the promotion names.
    expect(o.status).toBe('failed')
    expect(o.remedy).toMatch(/quote a version/)
    expect((await run(unquoted('3'), 'fraud-detector', '3')).status).toBe('passed')
  })

  it('fails a card that names no model, even under a policy that does not require the metadata', async () => {
    const card = modelCard({ model: 'fraud-detector', version: '1.4.0' }).replace('model_name: fraud-detector\n', '')
    const o = await modelCardCheck.run({ evidence: new Map([['modelCard', card]]), params: { ...defaults, metadata: ['license'] }, promotion: promotion('fraud-detector', '1.4.0') } as unknown as CheckContext)
    expect(o.status).toBe('failed')
    expect(o.summary).toMatch(/model_name is not given/)
  })

  it('compares whole values: no prefix, case or whitespace trick matches', () => {
    const promoted = { model_name: 'fraud', version: '1.0.0' }
    expect(cardMismatches({ model_name: 'fraud-detector', version: '1.0.0' }, promoted).map((m) => m.key)).toEqual(['model_name'])
    expect(cardMismatches({ model_name: 'Fraud', version: '1.0.0' }, promoted).map((m) => m.key)).toEqual(['model_name'])
    expect(cardMismatches({ model_name: ['fraud'], version: { v: '1.0.0' } }, promoted).map((m) => m.key)).toEqual(['model_name', 'version'])
    expect(cardMismatches({ model_name: ' fraud ', version: '1.0.0' }, promoted)).toEqual([])
  })
})
