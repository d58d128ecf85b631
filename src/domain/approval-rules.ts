// Who may sign which role on a promotion. Pure; the approval service applies it under a row
// lock, and unique indexes back the "once per role" and "one role per principal" rules.
import { forbidden, conflict, unprocessable, type DomainError } from './errors.js'
import { answersFor } from './principal-names.js'
import type { RequiredApproval } from './risk.js'
import type { Principal, Role } from './roles.js'

export interface ApprovalAttempt {
  principal: Principal
  role: Role
  requestedBy: string
  required: RequiredApproval[]
  existing: Array<{ role: string; principalId: string }>
}

/** The error to answer with, or null when the principal may sign this role. */
export function checkApproval(a: ApprovalAttempt): DomainError | null {
  if (!a.principal.roles.includes(a.role)) {
    return forbidden(`${a.principal.name} does not hold the role ${a.role}`)
  }
  const slot = a.required.find((r) => r.role === a.role)
  if (!slot) {
    return unprocessable(`the role ${a.role} is not required for this promotion; required: ${a.required.map((r) => r.role).join(', ')}`)
  }
  if (a.principal.name === a.requestedBy) {
    return forbidden('the requester of a promotion cannot approve it')
  }
  if (slot.principal && !answersFor(slot.principal, a.principal)) {
    return forbidden(`the ${a.role} sign-off must come from ${slot.principal}, the model's owner`)
  }
  if (a.existing.some((e) => e.role === a.role)) {
    return conflict(`the role ${a.role} has already signed this promotion`)
  }
  const other = a.existing.find((e) => e.principalId === a.principal.id)
  if (other) {
    return forbidden(`${a.principal.name} already signed this promotion as ${other.role}; one principal fills at most one role`)
  }
  return null
}
