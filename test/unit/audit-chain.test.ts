import { describe, expect, it } from 'vitest'
import { auditHash, GENESIS_HASH, verifyChain, type StoredAuditRow } from '../../src/audit/chain.js'
import { canonicalJson } from '../../src/domain/canonical-json.js'

function chain(n: number): StoredAuditRow[] {
  const rows: StoredAuditRow[] = []
  let prev = GENESIS_HASH
  for (let i = 1; i <= n; i++) {
    const payload = { at: new Date(1_700_000_000_000 + i).toISOString(), actor: 'ci', action: 'promotion.created', promotionId: null, model: 'm', data: { i } }
    const hash = auditHash(prev, payload)
    rows.push({ seq: String(i), ...payload, prevHash: prev, hash })
    prev = hash
  }
  return rows
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[2,{"y":2,"z":1}]},"b":1}')
  })
})

describe('audit chain verification', () => {
  it('accepts an intact chain', () => {
    expect(verifyChain(chain(5))).toMatchObject({ valid: true, events: 5 })
  })

  it('finds an edited row', () => {
    const rows = chain(5)
    rows[2] = { ...rows[2]!, actor: 'mallory' }
    expect(verifyChain(rows)).toMatchObject({ valid: false, brokenAt: '3' })
  })

  it('finds a deleted row', () => {
    const rows = chain(5)
    rows.splice(1, 1)
    expect(verifyChain(rows)).toMatchObject({ valid: false, brokenAt: '3' })
  })

  it('finds reordered rows', () => {
    const rows = chain(5)
    ;[rows[1], rows[2]] = [rows[2]!, rows[1]!]
    expect(verifyChain(rows)).toMatchObject({ valid: false, brokenAt: '3' })
  })

  it('finds an inserted row even when its own hash is consistent', () => {
    const rows = chain(3)
    const forged = { at: new Date().toISOString(), actor: 'mallory', action: 'promotion.promoted', promotionId: null, model: 'm', data: {} }
    const hash = auditHash(rows[0]!.hash, forged)
    rows.splice(1, 0, { seq: '1.5', ...forged, prevHash: rows[0]!.hash, hash })
    expect(verifyChain(rows)).toMatchObject({ valid: false, brokenAt: '2' })
  })
})
