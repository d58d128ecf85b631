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

  it('reads the identity provider: all three variables or none, a URL or a file, a role map', () => {
    expect(loadConfig({}).oidc).toBeNull()
    const base = { MODELGATE_OIDC_ISSUER: 'https://idp.example/', MODELGATE_OIDC_AUDIENCE: 'modelgate' }
    expect(() => loadConfig(base)).toThrow(/set together/)
    expect(loadConfig({ ...base, MODELGATE_OIDC_JWKS: 'https://idp.example/jwks' }).oidc).toMatchObject({ jwks: { url: 'https://idp.example/jwks' }, rolesClaim: 'groups', algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'] })
    expect(loadConfig({ ...base, MODELGATE_OIDC_JWKS: '/etc/modelgate/jwks.json' }).oidc?.jwks).toEqual({ file: '/etc/modelgate/jwks.json' })
    expect(loadConfig({ ...base, MODELGATE_OIDC_JWKS: '/j', MODELGATE_OIDC_ROLE_MAP: 'ml-leads=ml_lead, sre=viewer' }).oidc?.roleMap).toEqual({ 'ml-leads': 'ml_lead', sre: 'viewer' })
    expect(() => loadConfig({ ...base, MODELGATE_OIDC_JWKS: '/j', MODELGATE_OIDC_ROLE_MAP: 'ml-leads=root' })).toThrow(/unknown role "root"/)
    expect(() => loadConfig({ ...base, MODELGATE_OIDC_JWKS: '/j', MODELGATE_OIDC_ALGORITHMS: 'none' })).toThrow(/MODELGATE_OIDC_ALGORITHMS/)
    expect(() => loadConfig({ ...base, MODELGATE_OIDC_JWKS: '/j', MODELGATE_OIDC_ALGORITHMS: 'HS256' })).toThrow(/MODELGATE_OIDC_ALGORITHMS/)
  })
})
