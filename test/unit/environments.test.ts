import { describe, expect, it } from 'vitest'
import { checkEnvironmentOrder, requiredSource } from '../../src/domain/environments.js'

describe('environment order', () => {
  it('names the rung below each target', () => {
    expect(requiredSource('dev')).toBeNull()
    expect(requiredSource('staging')).toBe('dev')
    expect(requiredSource('prod')).toBe('staging')
  })

  it('lets a new version enter dev and climb one rung at a time', () => {
    expect(checkEnvironmentOrder(null, 'dev')).toEqual({ ok: true, source: null })
    expect(checkEnvironmentOrder('dev', 'staging')).toEqual({ ok: true, source: 'dev' })
    expect(checkEnvironmentOrder('staging', 'prod')).toEqual({ ok: true, source: 'staging' })
  })

  it('refuses skips, repeats and moves backwards, saying why', () => {
    const skip = checkEnvironmentOrder(null, 'prod')
    expect(skip.ok).toBe(false)
    expect(!skip.ok && skip.reason).toMatch(/requires the version to be in staging.*not deployed/)
    expect(checkEnvironmentOrder('dev', 'prod').ok).toBe(false)
    expect(checkEnvironmentOrder(null, 'staging').ok).toBe(false)
    expect(checkEnvironmentOrder('dev', 'dev').ok).toBe(false)
    expect(checkEnvironmentOrder('prod', 'staging').ok).toBe(false)
    expect(checkEnvironmentOrder('prod', 'dev').ok).toBe(false)
  })
})
