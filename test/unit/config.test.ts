import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'

describe('config', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({})
    expect(c.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/modelgate')
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379')
    expect(c.port).toBe(8080)
    expect(c.host).toBe('127.0.0.1')
    expect(c.endpointAllowlist).toEqual(['127.0.0.1', 'localhost', '::1'])
    expect(c.approvalTtlSeconds).toBe(172_800)
    expect(c.adminKey).toBeUndefined()
  })

  it('fails fast on bad values, naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/)
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/)
    expect(() => loadConfig({ MODELGATE_ADMIN_KEY: 'short' })).toThrow(/MODELGATE_ADMIN_KEY/)
    expect(() => loadConfig({ MODELGATE_APPROVAL_TTL_SECONDS: '0' })).toThrow(/APPROVAL_TTL/)
  })

  it('parses the allowlist', () => {
    expect(loadConfig({ MODELGATE_ENDPOINT_ALLOWLIST: ' Models.Internal , [::1] ,' }).endpointAllowlist).toEqual(['models.internal', '::1'])
  })
})
