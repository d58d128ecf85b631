// modelgate rerun: judge a blocked promotion again (same request and evidence, the policy now
// in force) and, with --wait, follow the new promotion to a decision, as promote does.
import type { Client } from '../client.js'
import { EXIT } from '../exit-codes.js'
import type { PromotionView } from '../promotion.js'
import { followToDecision, type FollowOptions } from './decision.js'
import { writeReports } from './reports.js'

export interface RerunCommandOptions extends FollowOptions {
  wait?: boolean
}

export async function rerunCommand(client: Client, id: string, o: RerunCommandOptions, io: { print: (s: string) => void; url: string }): Promise<number> {
  // Not retried: had a lost answer's re-run been created, a second request is refused as
  // active (409), which says which promotion it is.
  const res = await client.post<PromotionView>(`/v1/promotions/${encodeURIComponent(id)}/rerun`, undefined)
  const p = res.body
  io.print(`promotion ${p.id} accepted: re-runs ${id} (${p.model}@${p.version} → ${p.targetEnvironment})`)
  if (!o.wait) {
    await writeReports(p, o, io.url)
    return EXIT.ok
  }
  return followToDecision(client, p.id, o, io, true)
}
