// Text a model endpoint sent back with an error can hold anything its team logs (stack traces,
// hostnames, customer data). It is kept, truncated, under one key of a check's details, and
// shown only to the requester, the model's owner and the lead roles.
import type { Principal, Role } from './roles.js'

/** The key in check details that holds an endpoint's own error text. */
export const ENDPOINT_RESPONSE = 'endpointResponse'

export const ENDPOINT_RESPONSE_READERS: readonly Role[] = ['ml_lead', 'security_lead']

export function mayReadEndpointResponse(viewer: Principal | undefined, promotion: { requestedBy: string; modelOwner: string }): boolean {
  if (!viewer) return false
  return viewer.name === promotion.requestedBy || viewer.name === promotion.modelOwner || viewer.roles.some((r) => ENDPOINT_RESPONSE_READERS.includes(r))
}

/** Check details as this viewer may see them. */
export function detailsFor(details: unknown, canRead: boolean): unknown {
  if (canRead || details === null || typeof details !== 'object' || !(ENDPOINT_RESPONSE in details)) return details
  const { [ENDPOINT_RESPONSE]: _hidden, ...rest } = details as Record<string, unknown>
  return { ...rest, [ENDPOINT_RESPONSE]: null, endpointResponseHidden: 'shown only to the requester, the model owner, ml_lead and security_lead' }
}
