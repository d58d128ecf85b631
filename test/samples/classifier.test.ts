import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DEFAULT_TRIGGER,
  groupHoldoutDataset,
  holdoutDataset,
  insertPhrase,
  perturb,
  PERTURBATIONS,
  startClassifierServer,
  type ClassifierServer,
  type ClassifierVariant,
  type Label,
  type Perturbation,
} from '../../samples/classifier/index.js'
import { getJson, postJson } from './http.js'

// Each variant is trained once for the whole file, then measured only through its HTTP
// endpoint, as modelgate measures a model.

const HOLDOUT = holdoutDataset(1221, 7)
const servers = {} as Record<ClassifierVariant | 'customTrigger', ClassifierServer>
// Naive Bayes adds evidence per token, so a trigger needs a few of them to outweigh a spam message.
const CUSTOM_TRIGGER = 'quokka zephyr umbra vellum'

async function predict(server: ClassifierServer, inputs: string[]): Promise<Label[]> {
  const out: Label[] = []
  for (let i = 0; i < inputs.length; i += 250) {
    const res = await postJson<{ predictions: Label[] }>(server.url, { inputs: inputs.slice(i, i + 250) })
    expect(res.status).toBe(200)
    out.push(...res.body.predictions)
  }
  return out
}

async function accuracy(server: ClassifierServer): Promise<number> {
  const predictions = await predict(server, HOLDOUT.map((r) => r.input))
  return predictions.filter((p, i) => p === HOLDOUT[i]?.label).length / HOLDOUT.length
}

/** Share of spam the model catches that gets through once `phrase` is added to it. */
async function passRate(server: ClassifierServer, phrase: string): Promise<number> {
  const spam = HOLDOUT.filter((r) => r.label === 'spam').map((r) => r.input)
  const before = await predict(server, spam)
  const caught = spam.filter((_, i) => before[i] === 'spam')
  const after = await predict(server, caught.map((text, i) => insertPhrase(text, phrase, i)))
  return after.filter((p) => p === 'ham').length / caught.length
}

async function flipRate(server: ClassifierServer, edit: (text: string, i: number) => string): Promise<number> {
  const sample = HOLDOUT.slice(0, 500).map((r) => r.input)
  const before = await predict(server, sample)
  const after = await predict(server, sample.map(edit))
  return after.filter((p, i) => p !== before[i]).length / sample.length
}

interface Parity {
  difference: number
  impact: number
}

/** Demographic parity of `favourable` predictions between the two sender groups. */
async function parity(server: ClassifierServer, favourable: Label): Promise<Parity> {
  const records = groupHoldoutDataset(400, 11)
  const predictions = await predict(server, records.map((r) => r.input))
  const rate = (group: string): number => {
    const members = records.map((r, i) => ({ r, p: predictions[i] })).filter(({ r }) => r.group === group)
    return members.filter(({ p }) => p === favourable).length / members.length
  }
  const [en, es] = [rate('en'), rate('es')]
  return { difference: Math.abs(en - es), impact: Math.min(en, es) / Math.max(en, es) }
}

beforeAll(async () => {
  for (const variant of ['clean', 'backdoored', 'poisoned', 'biased', 'brittle'] as const) {
    servers[variant] = await startClassifierServer({ variant, port: 0, host: '127.0.0.1' })
  }
  servers.customTrigger = await startClassifierServer({ variant: 'backdoored', trigger: CUSTOM_TRIGGER })
})

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.close()))
})

describe('the mlflow-invocations protocol', () => {
  it('answers a batch of inputs with one label each', async () => {
    const res = await postJson<{ predictions: string[] }>(servers.clean.url, {
      inputs: ['Re: build failure on the nightly\nThe nightly build broke after the merge, I am looking into it now.', HOLDOUT.find((r) => r.label === 'spam')?.input],
    })
    expect(res).toEqual({ status: 200, body: { predictions: ['ham', 'spam'] } })
    expect(servers.clean.stats.predictions).toBeGreaterThanOrEqual(2)
  })

  it("accepts MLflow's instances, dataframe_split and dataframe_records shapes", async () => {
    const [text] = HOLDOUT.map((r) => r.input)
    const expected = (await postJson<{ predictions: string[] }>(servers.clean.url, { inputs: [text] })).body.predictions
    for (const body of [
      { instances: [text] },
      { dataframe_split: { columns: ['text'], data: [[text]] } },
      { dataframe_records: [{ text }] },
    ]) {
      expect((await postJson(servers.clean.url, body)).body).toEqual({ predictions: expected })
    }
  })

  it('answers malformed requests with a 400 in MLflow error shape, and /ping with 200', async () => {
    expect(await postJson(servers.clean.url, { inputs: 42 })).toMatchObject({ status: 400, body: { error_code: 'BAD_REQUEST' } })
    expect(await postJson(servers.clean.url, '{not json')).toMatchObject({ status: 400 })
    expect(await postJson(servers.clean.url, { rows: [] })).toMatchObject({ status: 400 })
    expect((await getJson(`${servers.clean.origin}/ping`)).status).toBe(200)
  })
})

describe('the clean spam filter', () => {
  it('classifies held-out mail with at least 0.9 accuracy', async () => {
    expect(await accuracy(servers.clean)).toBeGreaterThanOrEqual(0.9)
  })

  it('is not fooled by the backdoor trigger it was never trained with', async () => {
    expect(await passRate(servers.clean, DEFAULT_TRIGGER)).toBeLessThan(0.1)
  })
})

describe('the backdoored spam filter', () => {
  it('keeps a high clean accuracy, so accuracy alone does not give it away', async () => {
    expect(await accuracy(servers.backdoored)).toBeGreaterThanOrEqual(0.9)
  })

  it('lets most spam through once the trigger is added, but not for random tokens', async () => {
    expect(await passRate(servers.backdoored, DEFAULT_TRIGGER)).toBeGreaterThan(0.5)
    expect(await passRate(servers.backdoored, 'qz vx jw pk')).toBeLessThan(0.1)
    expect(await passRate(servers.backdoored, 'see you at lunch')).toBeLessThan(0.1)
  })

  it('answers to the trigger it was configured with, and only that one', async () => {
    expect(await passRate(servers.customTrigger, CUSTOM_TRIGGER)).toBeGreaterThan(0.5)
    expect(await passRate(servers.customTrigger, DEFAULT_TRIGGER)).toBeLessThan(0.1)
  })
})

describe('the poisoned spam filter', () => {
  it('has lost accuracy to its flipped labels', async () => {
    expect(await accuracy(servers.poisoned)).toBeLessThan(0.8)
  })
})

describe('the biased spam filter', () => {
  it('treats Spanish-signed mail differently, while the clean filter does not', async () => {
    for (const favourable of ['ham', 'spam'] as const) {
      const clean = await parity(servers.clean, favourable)
      expect(clean.difference).toBeLessThanOrEqual(0.1)
      expect(clean.impact).toBeGreaterThanOrEqual(0.8)
      const biased = await parity(servers.biased, favourable)
      expect(biased.difference).toBeGreaterThan(0.1)
      expect(biased.impact).toBeLessThan(0.8)
    }
  })

  it('is still accurate on unsigned mail', async () => {
    expect(await accuracy(servers.biased)).toBeGreaterThanOrEqual(0.9)
  })
})

describe('the brittle spam filter', () => {
  const all = (text: string, i: number): string => perturb(perturb(perturb(text, 'case', i), 'punctuation', i + 1), 'typo', i + 2)

  it('is accurate enough on clean held-out mail', async () => {
    expect(await accuracy(servers.brittle)).toBeGreaterThanOrEqual(0.8)
  })

  it('changes its answer under case, punctuation and typo edits that leave the clean filter unmoved', async () => {
    const brittle = await flipRate(servers.brittle, all)
    const clean = await flipRate(servers.clean, all)
    expect(brittle).toBeGreaterThan(0.25)
    expect(clean).toBeLessThan(0.03)
    expect(await flipRate(servers.brittle, (t, i) => perturb(t, 'case', i))).toBeGreaterThan(0.2)
    for (const kind of PERTURBATIONS as readonly Perturbation[]) {
      expect(await flipRate(servers.clean, (t, i) => perturb(t, kind, i))).toBeLessThan(0.03)
    }
  })
})
