import { expect } from 'vitest'
import { EvidenceError } from '../../src/gates/evidence/errors.js'

/** Asserts that `run` throws an EvidenceError whose message matches. */
export function expectEvidenceError(run: () => unknown, pattern: RegExp): void {
  let caught: unknown
  try {
    run()
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(EvidenceError)
  expect((caught as Error).name).toBe('EvidenceError')
  expect((caught as Error).message).toMatch(pattern)
}
