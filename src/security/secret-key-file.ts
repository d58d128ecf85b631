// Where the server secret comes from. Configured (MODELGATE_SECRET_KEY) in production, where
// starting without it is refused: a generated secret on one machine's disk would make every
// stored webhook secret and API key unusable on the next. In development it is generated once
// (32 random bytes, mode 0600) under the data directory and reused, written by link() so two
// processes starting together agree on one.
import { randomBytes } from 'node:crypto'
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ConfigError, type Config } from '../config.js'
import { createSecretBox, type SecretBox } from './secret-box.js'

export function loadSecretBox(config: Pick<Config, 'secretKey' | 'secretKeyPrevious' | 'secretKeyPath' | 'production'>): SecretBox {
  if (config.secretKey) return createSecretBox(config.secretKey, config.secretKeyPrevious)
  if (config.production) throw new ConfigError('MODELGATE_SECRET_KEY must be set when NODE_ENV=production (32+ characters, e.g. `openssl rand -base64 32`)')
  return createSecretBox(readOrCreate(config.secretKeyPath), config.secretKeyPrevious)
}

function readOrCreate(path: string): string {
  const existing = read(path)
  if (existing) return existing
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 })
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
  try {
    linkSync(temporary, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    try {
      unlinkSync(temporary)
    } catch {
      // already gone
    }
  }
  const stored = read(path)
  if (!stored) throw new ConfigError(`secret key file ${path} is empty`)
  return stored
}

function read(path: string): string | undefined {
  try {
    const text = readFileSync(path, 'utf8').trim()
    return text || undefined
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
