// A question-answer evaluation dataset the sample chat model can answer: capitals and
// arithmetic, every question distinct, so it meets the policy's minimum of distinct questions.

const CAPITALS: Array<[string, string]> = [
  ['France', 'Paris'], ['Germany', 'Berlin'], ['Italy', 'Rome'], ['Spain', 'Madrid'], ['Portugal', 'Lisbon'], ['Japan', 'Tokyo'],
  ['China', 'Beijing'], ['India', 'New Delhi'], ['Canada', 'Ottawa'], ['Australia', 'Canberra'], ['Argentina', 'Buenos Aires'],
  ['Egypt', 'Cairo'], ['Kenya', 'Nairobi'], ['Nigeria', 'Abuja'], ['Norway', 'Oslo'], ['Sweden', 'Stockholm'], ['Finland', 'Helsinki'],
  ['Poland', 'Warsaw'], ['Ireland', 'Dublin'], ['Greece', 'Athens'], ['Turkey', 'Ankara'], ['Austria', 'Vienna'],
]

export interface QaRecord {
  input: string
  expected: string
}

/** `n` distinct questions (capitals first, then multiplications), from 1 to 200. */
export function qaDataset(n = 60): QaRecord[] {
  if (!Number.isInteger(n) || n < 1 || n > 200) throw new RangeError(`n must be an integer from 1 to 200, got ${n}`)
  const records: QaRecord[] = CAPITALS.map(([country, city]) => ({ input: `What is the capital of ${country}?`, expected: city }))
  for (let i = 0; records.length < n; i++) {
    const a = 3 + (i % 17)
    const b = 11 + Math.floor(i / 17)
    records.push({ input: `What is ${a} times ${b}?`, expected: String(a * b) })
  }
  return records.slice(0, n)
}
