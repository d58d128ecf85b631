// Identity-provider tokens (OIDC ID or access tokens, JWTs) verified against the IdP's JWKS:
// signature by a key in the set with an allowed algorithm, issuer, audience and expiry. The
// JWKS comes from a URL (fetched and cached by jose, refreshed on an unknown key id) or from a
// file, for a deployment that cannot reach the IdP.
import { readFileSync } from 'node:fs'
import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTPayload, type JWTVerifyGetKey } from 'jose'
import type { OidcConfig } from '../config.js'

export interface VerifiedIdentity {
  subject: string
  /** The values of the roles claim, as the IdP sent them (groups or role names). */
  claimValues: string[]
  expiresAt: number
}

export class TokenError extends Error {}

/** Three base64url segments: a bearer token to verify as a JWT rather than look up as an API key. */
export const looksLikeJwt = (token: string) => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(token)

function keySet(config: OidcConfig): JWTVerifyGetKey {
  if ('url' in config.jwks) return createRemoteJWKSet(new URL(config.jwks.url), { timeoutDuration: 5_000, cooldownDuration: 30_000 })
  const text = readFileSync(config.jwks.file, 'utf8')
  return createLocalJWKSet(JSON.parse(text) as JSONWebKeySet)
}

function claimValues(payload: JWTPayload, claim: string): string[] {
  // Dotted paths reach nested claims such as Keycloak's realm_access.roles.
  let value: unknown = payload
  for (const part of claim.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

export function createOidcVerifier(config: OidcConfig) {
  const keys = keySet(config)
  return {
    async verify(token: string): Promise<VerifiedIdentity> {
      let payload: JWTPayload
      try {
        ;({ payload } = await jwtVerify(token, keys, { issuer: config.issuer, audience: config.audience, algorithms: config.algorithms, requiredClaims: ['sub', 'exp'] }))
      } catch (err) {
        if (err instanceof errors.JWTExpired) throw new TokenError('the identity token has expired')
        if (err instanceof errors.JWTClaimValidationFailed) throw new TokenError(`the identity token's ${err.claim} claim is not accepted`)
        if (err instanceof errors.JOSEError) throw new TokenError(`the identity token could not be verified (${err.code})`)
        throw err
      }
      return { subject: payload.sub!, claimValues: claimValues(payload, config.rolesClaim), expiresAt: payload.exp! * 1000 }
    },
  }
}

export type OidcVerifier = ReturnType<typeof createOidcVerifier>
