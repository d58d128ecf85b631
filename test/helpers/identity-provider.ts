// A local identity provider for tests: an RS256 key pair made with jose, its JWKS served over
// HTTP on 127.0.0.1 and written to a file, and tokens signed as an IdP would sign them.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose'

export const ISSUER = 'https://idp.test.example/realms/acme'
export const AUDIENCE = 'modelgate'

export interface LocalIdp {
  jwksUrl: string
  jwksFile: string
  env(source?: 'url' | 'file'): Record<string, string>
  token(claims: { sub: string; groups?: string[] } & Record<string, unknown>, opts?: { issuer?: string; audience?: string; expiresIn?: string | number; key?: 'idp' | 'stranger' }): Promise<string>
  close(): Promise<void>
}

async function keyPair(kid: string): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } }
}

export async function startLocalIdp(): Promise<LocalIdp> {
  const idp = await keyPair('idp-key-1')
  // Same kid as the IdP's key: a token signed by it must fail on the signature, not the lookup.
  const stranger = await keyPair('idp-key-1')
  const jwks = JSON.stringify({ keys: [idp.jwk] })
  const server: Server = createServer((req, res) => {
    if (req.url === '/jwks.json') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(jwks)
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`
  const jwksFile = path.join(mkdtempSync(path.join(tmpdir(), 'modelgate-jwks-')), 'jwks.json')
  writeFileSync(jwksFile, jwks)
  return {
    jwksUrl,
    jwksFile,
    env: (source = 'url') => ({ MODELGATE_OIDC_ISSUER: ISSUER, MODELGATE_OIDC_AUDIENCE: AUDIENCE, MODELGATE_OIDC_JWKS: source === 'url' ? jwksUrl : jwksFile }),
    async token(claims, opts = {}) {
      const { sub, ...rest } = claims
      const key = opts.key === 'stranger' ? stranger : idp
      return new SignJWT(rest)
        .setProtectedHeader({ alg: 'RS256', kid: key.jwk.kid!, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(opts.issuer ?? ISSUER)
        .setAudience(opts.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(opts.expiresIn ?? '10m')
        .sign(key.privateKey)
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** An unsigned token (`alg: none`) with these claims, as an attacker would forge it. */
export function unsignedToken(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url')
  const now = Math.floor(Date.now() / 1000)
  return `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 600, ...claims })}.`
}
