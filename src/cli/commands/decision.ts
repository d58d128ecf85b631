// Following an accepted promotion to a decision, as promote --wait and rerun --wait do: poll
// it, write the requested reports, print the failure summary, and answer with the exit code
// its status calls for (an error when no decision came in time, unless it waits for people).
import type { Client } from '../client.js'
import { EXIT, exitCodeForStatus } from '../exit-codes.js'
import { follow } from '../progress.js'
import { writeReports, type ReportOptions } from './reports.js'

export interface FollowOptions extends ReportOptions {
  timeout: number
  pollInterval: number
}

export async function followToDecision(client: Client, id: string, o: FollowOptions, io: { print: (s: string) => void; url: string }, stopAtApproval: boolean): Promise<number> {
  const { view, timedOut } = await follow(client, id, { intervalMs: o.pollInterval, stopAtApproval, deadline: Date.now() + o.timeout * 1000, print: io.print })
  await writeReports(view, o, io.url)
  if (view.failureSummary && view.status !== 'promoted') io.print(`\n${view.failureSummary}`)
  if (timedOut && view.status !== 'awaiting_approval') {
    io.print(`no decision within ${o.timeout} s (status ${view.status})`)
    return EXIT.error
  }
  return exitCodeForStatus(view.status)
}
