import { describe, expect, it } from 'vitest'
import { mostSevere, severityFromLabel, severityFromScore } from '../../src/gates/evidence/severity.js'

describe('severityFromScore', () => {
  it.each([
    [10, 'critical'],
    [9.0, 'critical'],
    [8.9, 'high'],
    [7.0, 'high'],
    [6.9, 'medium'],
    [4.0, 'medium'],
    [3.9, 'low'],
    [0.1, 'low'],
    [0, 'unknown'],
    [-1, 'unknown'],
    [10.1, 'unknown'],
    [Number.NaN, 'unknown'],
  ] as const)('%d is %s', (score, expected) => {
    expect(severityFromScore(score)).toBe(expected)
  })
})

describe('severityFromLabel', () => {
  it.each([
    ['CRITICAL', 'critical'],
    ['Critical', 'critical'],
    ['HIGH', 'high'],
    ['Important', 'high'],
    ['MODERATE', 'medium'],
    ['medium', 'medium'],
    ['LOW', 'low'],
    ['Negligible', 'low'],
    ['unimportant', 'low'],
    [' high ', 'high'],
    ['9.8', 'critical'],
    ['5.4', 'medium'],
    [7.5, 'high'],
    ['UNKNOWN', 'unknown'],
    ['Untriaged', 'unknown'],
    ['', 'unknown'],
    [null, 'unknown'],
    [undefined, 'unknown'],
    [{ severity: 'HIGH' }, 'unknown'],
    ['constructor', 'unknown'],
    ['__proto__', 'unknown'],
  ] as const)('%j is %s', (label, expected) => {
    expect(severityFromLabel(label)).toBe(expected)
  })
})

describe('mostSevere', () => {
  it('picks the most severe and treats an empty list as unknown', () => {
    expect(mostSevere(['low', 'critical', 'medium'])).toBe('critical')
    expect(mostSevere(['unknown', 'low'])).toBe('low')
    expect(mostSevere([])).toBe('unknown')
  })
})
