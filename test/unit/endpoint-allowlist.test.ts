import { describe, expect, it } from 'vitest'
import { checkEndpointUrl } from '../../src/domain/endpoint-allowlist.js'

const DEFAULT = ['127.0.0.1', 'localhost', '::1']

describe('endpoint allowlist', () => {
  it('allows the listed hosts, any port and path', () => {
    expect(checkEndpointUrl('http://127.0.0.1:9001/invocations', DEFAULT).ok).toBe(true)
    expect(checkEndpointUrl('http://LOCALHOST:80/v1', DEFAULT).ok).toBe(true)
    expect(checkEndpointUrl('http://[::1]:8080/x', DEFAULT).ok).toBe(true)
  })

  it('refuses other hosts, including look-alikes', () => {
    for (const url of ['http://10.0.0.5/x', 'http://169.254.169.254/latest/meta-data', 'http://localhost.evil.com/', 'http://127.0.0.2/', 'http://evil.com/?h=127.0.0.1']) {
      expect(checkEndpointUrl(url, DEFAULT).ok, url).toBe(false)
    }
  })

  it('refuses non-http schemes and embedded credentials', () => {
    expect(checkEndpointUrl('file:///etc/passwd', DEFAULT)).toMatchObject({ ok: false, reason: expect.stringMatching(/scheme/) })
    expect(checkEndpointUrl('http://u:p@127.0.0.1/', DEFAULT)).toMatchObject({ ok: false, reason: expect.stringMatching(/credentials/) })
    expect(checkEndpointUrl('not a url', DEFAULT).ok).toBe(false)
  })

  it('supports wildcard suffix entries without matching the bare suffix trick', () => {
    const list = ['*.models.internal']
    expect(checkEndpointUrl('https://fraud.models.internal/', list).ok).toBe(true)
    expect(checkEndpointUrl('https://evilmodels.internal/', list).ok).toBe(false)
  })
})
