// The service's ed25519 signing key, kept as a PKCS#8 PEM file. Created on first use with mode
// 0600 by writing a private temporary file and hard-linking it into place: link() fails if the
// path exists, so two processes starting together agree on one key and neither ever reads a
// half-written file.
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto'
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { keyIdOf } from './keys.js'

export interface SigningKey {
  privateKey: KeyObject
  publicKeyPem: string
  keyId: string
}

export async function loadOrCreateSigningKey(path: string): Promise<SigningKey> {
  const existing = await readKey(path)
  if (existing) return existing
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const { privateKey } = generateKeyPairSync('ed25519')
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temporary, pem, { mode: 0o600, flag: 'wx' })
  try {
    await link(temporary, path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  } finally {
    await unlink(temporary).catch(() => undefined)
  }
  const stored = await readKey(path)
  if (!stored) throw new Error(`signing key ${path} vanished while being created`)
  return stored
}

async function readKey(path: string): Promise<SigningKey | undefined> {
  let pem: string
  try {
    pem = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const privateKey = createPrivateKey({ key: pem, format: 'pem' })
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`signing key ${path} is ${privateKey.asymmetricKeyType ?? 'unknown'}, expected ed25519`)
  }
  const publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString()
  return { privateKey, publicKeyPem, keyId: keyIdOf(privateKey) }
}
