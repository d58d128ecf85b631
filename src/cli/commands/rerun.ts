// modelgate rerun: judge a blocked promotion again (same request and evidence, the policy now
// in force) and, with --wait, follow the new promotion to a decision, as promote does.
import type { Client } from '../client.js'
import { EXIT, exitCodeForStatus } from '../exit-codes.js'
import { follow } from '../progress.js'
import type { PromotionView } from '../promotion.js'
import { writeReports, type ReportOptions } from './reports.js'

export interface RerunCommandOptions extends ReportOptions {
  wait?: boolean
  timeout: number
  pollInterval: number
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
  const { view, timedOut } = await follow(client, p.id, { intervalMs: o.pollInterval, stopAtApproval: true, deadline: Date.now() + o.timeout * 1000, print: io.print })
  await writeReports(view, o, io.url)
  if (view.failureSummary && view.status !== 'promoted') io.print(`\n${view.failureSummary}`)
  if (timedOut && view.status !== 'awaiting_approval') {
    io.print(`no decision within ${o.timeout} s (status ${view.status})`)
    return EXIT.error
  }
  return exitCodeForStatus(view.status)
}
