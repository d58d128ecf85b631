// modelgate approve: sign (or reject) one required role of a promotion as the caller's own
// principal. The approval is bound to the review digest of what was shown: if the promotion
// changed between reading and signing, the service refuses (409) and nothing is signed.
import type { Client } from '../client.js'
import { CliError, EXIT } from '../exit-codes.js'
import type { PromotionView } from '../promotion.js'

export async function approveCommand(client: Client, id: string, o: { role: string; reject?: boolean; comment?: string; reviewDigest?: string }, io: { print: (s: string) => void }): Promise<number> {
  const view = (await client.get<PromotionView>(`/v1/promotions/${encodeURIComponent(id)}`)).body
  if (view.status !== 'awaiting_approval') throw new CliError(`promotion ${id} is ${view.status}, not awaiting approval`, EXIT.refused)
  const reviewDigest = o.reviewDigest ?? view.reviewDigest
  if (o.reviewDigest && view.reviewDigest && o.reviewDigest !== view.reviewDigest) {
    throw new CliError(`the promotion changed since it was reviewed (review digest now ${view.reviewDigest}); review it again`, EXIT.refused)
  }
  io.print(`${o.reject ? 'rejecting' : 'approving'} ${view.model}@${view.version} → ${view.targetEnvironment} as ${o.role}${reviewDigest ? ` (review digest ${reviewDigest})` : ''}`)
  const body = { role: o.role, decision: o.reject ? 'reject' : 'approve', ...(o.comment ? { comment: o.comment } : {}), ...(reviewDigest ? { reviewDigest } : {}) }
  // Not retried: a second POST of the same signature is a conflict, not a replay.
  await client.post(`/v1/promotions/${encodeURIComponent(id)}/approvals`, body, { retry: false })
  const after = (await client.get<PromotionView>(`/v1/promotions/${encodeURIComponent(id)}`)).body
  io.print(`recorded; the promotion is now ${after.status}`)
  return EXIT.ok
}
