// Object-level authorization: beyond "holds a role", may this principal act on this model or
// this promotion? Pure; the services ask it after loading the object, so an unknown id is
// still a 404 and another team's object a 403.
import { forbidden, type DomainError } from './errors.js'
import { answersFor } from './principal-names.js'
import { inScope, type Principal } from './roles.js'

interface ModelRef { name: string; owner: string }

const ownsModel = (p: Principal, model: ModelRef) => p.roles.includes('model_owner') && answersFor(model.owner, p)

/** Who may upload a model's files: its owner, or a CI key whose scope includes it (an unscoped CI key: any model). */
export function artifactUploadRefusal(p: Principal, model: ModelRef): DomainError | null {
  if (ownsModel(p, model)) return null
  if (p.roles.includes('ci') && inScope(p, model.name)) return null
  return forbidden(p.roles.includes('ci')
    ? `this key is scoped to ${p.scope?.models.join(', ')}; it cannot act on ${model.name}`
    : `only ${model.owner} (the model's owner) or a CI key scoped to ${model.name} may upload its files`)
}

/** Who may request a promotion of a model: a CI key whose scope includes it. */
export function promotionRequestRefusal(p: Principal, model: string): DomainError | null {
  return inScope(p, model) ? null : forbidden(`this key is scoped to ${p.scope?.models.join(', ')}; it cannot act on ${model}`)
}

/** Who may cancel a promotion: its requester (within its key's scope), the model's owner, or an admin. */
export function cancelRefusal(p: Principal, promotion: { requestedBy: string; model: ModelRef }): DomainError | null {
  if (p.roles.includes('admin')) return null
  if (ownsModel(p, promotion.model)) return null
  if (p.name === promotion.requestedBy && inScope(p, promotion.model.name)) return null
  return forbidden(`only the requester (${promotion.requestedBy}), the owner of ${promotion.model.name} or an admin may cancel this promotion`)
}

/** Who may pin a dataset to a model: the model's owner or an ml_lead (admins too). */
export function datasetPinRefusal(p: Principal, model: ModelRef): DomainError | null {
  if (p.roles.includes('admin') || p.roles.includes('ml_lead') || ownsModel(p, model)) return null
  return forbidden(`only the owner of ${model.name} (${model.owner}), an ml_lead or an admin may pin a dataset to it`)
}
