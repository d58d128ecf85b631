// The risk score's "earlier blocked promotions" factor counts the model's blocked promotions
// to the same environment within the policy's window: a new version string resets nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { goodEvidence, junit, modelCard } from '../helpers/evidence.js'
import { startHarness, type Harness } from '../helpers/harness.js'
import { registerModel, requestPromotion, settle, toProdApproval, type Actors } from '../helpers/journey.js'

let h: Harness
let actors: Actors
const PII = { userFacing: false, handlesPii: true, financialImpact: false }
// Evidence whose card declares data handling, for this model and version.
const declared = (version: string) => ({ ...goodEvidence({ model: 'pii-scorer', version }), modelCard: `${modelCard({ model: 'pii-scorer', version })}\n## Data Handling\n\nPersonal data is pseudonymised at ingestion.\n` })
const failedGates = (p: { riskFactors: Array<{ factor: string; value: unknown }> }) => p.riskFactors.find((f) => f.factor === 'failedGates')!.value

beforeAll(async () => {
  h = await startHarness({ worker: true })
  actors = { ci: await h.key('ci', ['ci']), redTeam: await h.key('red-team', ['red_team']) }
  await registerModel(h, 'pii-scorer', 'scoring-team', PII)
})
afterAll(async () => h?.close())

describe('risk over the model\'s recent history', () => {
  it('a prod promotion blocked under one version string still counts for the next version', async () => {
    // Blocked in dev: a blocked promotion to another environment does not count for prod.
    const dev = await settle(h, actors.ci, await requestPromotion(h, actors.ci, 'pii-scorer', '0.9.0', 'dev', { ...declared('0.9.0'), unitTests: junit({ failed: ['test_auc'] }) }))
    expect(dev.status).toBe('blocked')

    // Blocked in prod (the card does not declare data handling).
    const first = await toProdApproval(h, actors, 'pii-scorer', '1.0.0')
    expect(first.status).toBe('blocked')

    // CI bumps the version string; the blocked prod promotion still raises the risk.
    const second = await toProdApproval(h, actors, 'pii-scorer', '1.0.1', declared('1.0.1'))
    expect(second.status).toBe('awaiting_approval')
    expect(failedGates(second)).toBe(1)
    expect(second.riskFactors.find((f: { factor: string }) => f.factor === 'failedGates').points).toBe(1)
  })

  it('a blocked promotion older than the policy\'s window (30 days by default) no longer counts', async () => {
    await h.db.pool.query(`UPDATE promotions SET created_at = now() - interval '31 days' WHERE status = 'blocked'`)
    const third = await toProdApproval(h, actors, 'pii-scorer', '1.0.2', declared('1.0.2'))
    expect(third.status).toBe('awaiting_approval')
    expect(failedGates(third)).toBe(0)
  })
})
