// Whether a trusted key may vouch for this model and builder. An absent list means
// unrestricted; a present list, even empty, restricts to its members. Builders match exactly:
// builder ids are URIs, where a wildcard would too easily reach another host or repository.
import { globMatch } from './glob.js'
import type { TrustedKey } from './keys.js'
import { short } from './hex.js'

export type ScopeDecision = { ok: true } | { ok: false; detail: string }

export function scopeAllows(key: TrustedKey, modelName: string, builder: string | undefined): ScopeDecision {
  const scope = key.scope ?? {}
  const id = `${short(key.keyId)} (${key.algorithm})`
  if (Array.isArray(scope.models) && !scope.models.some((glob) => typeof glob === 'string' && globMatch(glob, modelName))) {
    return { ok: false, detail: `key ${id} may sign models [${scope.models.join(', ')}], not "${modelName}"` }
  }
  if (Array.isArray(scope.builders)) {
    if (builder === undefined) {
      return { ok: false, detail: `key ${id} may sign only for builders [${scope.builders.join(', ')}] and the statement names no builder` }
    }
    if (!scope.builders.includes(builder)) {
      return { ok: false, detail: `key ${id} may sign for builders [${scope.builders.join(', ')}], not "${builder}"` }
    }
  }
  return { ok: true }
}
