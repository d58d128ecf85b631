import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../src/config.js'
import { loadSecretBox } from '../../src/security/secret-key-file.js'

describe('the server secret', () => {
  it('is required in production', () => {
    const config = loadConfig({ NODE_ENV: 'production' })
    expect(() => loadSecretBox(config)).toThrow(ConfigError)
    expect(() => loadSecretBox(config)).toThrow(/MODELGATE_SECRET_KEY must be set/)
  })

  it('refuses short secrets', () => {
    expect(() => loadConfig({ MODELGATE_SECRET_KEY: 'too-short' })).toThrow(/at least 32/)
    expect(() => loadConfig({ MODELGATE_SECRET_KEY: 'x'.repeat(32), MODELGATE_SECRET_KEY_PREVIOUS: 'short' })).toThrow(/PREVIOUS must be at least 32/)
  })

  it('is generated once in development, private to its owner, and reused', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'modelgate-secret-')), 'nested', 'secret-key')
    const config = loadConfig({ MODELGATE_SECRET_KEY_PATH: file })
    const first = loadSecretBox(config)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(43)
    const second = loadSecretBox(config)
    expect(second.current.id).toBe(first.current.id)
    expect(second.open(first.seal('s3cret'))).toBe('s3cret')
  })

  it('derives different keys for different secrets, and names them by a public id', () => {
    const a = loadSecretBox(loadConfig({ MODELGATE_SECRET_KEY: 'a'.repeat(32) }))
    const b = loadSecretBox(loadConfig({ MODELGATE_SECRET_KEY: 'b'.repeat(32) }))
    expect(a.current.id).not.toBe(b.current.id)
    expect(a.hashApiKey('k')).not.toBe(b.hashApiKey('k'))
    expect(() => b.open(a.seal('x'))).toThrow()
  })
})
