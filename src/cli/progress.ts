// Follows a promotion by polling its status and prints each change once: a tier starting or
// finishing, a check's result. A pipeline log then reads as a story, not a wall of repeats.
import { setTimeout as sleep } from 'node:timers/promises'
import type { Client } from './client.js'
import { TERMINAL, type PromotionView } from './promotion.js'

export interface FollowOptions {
  intervalMs: number
  /** Stop at awaiting_approval too (unless waiting for approvals). */
  stopAtApproval: boolean
  deadline: number
  print: (line: string) => void
}

export async function follow(client: Client, id: string, o: FollowOptions): Promise<{ view: PromotionView; timedOut: boolean }> {
  const seen = new Map<string, string>()
  let view: PromotionView
  for (;;) {
    view = (await client.get<PromotionView>(`/v1/promotions/${encodeURIComponent(id)}`)).body
    report(view, seen, o.print)
    if (TERMINAL.has(view.status) || (o.stopAtApproval && view.status === 'awaiting_approval')) return { view, timedOut: false }
    if (Date.now() >= o.deadline) return { view, timedOut: true }
    await sleep(Math.min(o.intervalMs, Math.max(0, o.deadline - Date.now())))
  }
}

function report(view: PromotionView, seen: Map<string, string>, print: (line: string) => void) {
  const note = (key: string, state: string, line: string) => {
    if (seen.get(key) === state) return
    seen.set(key, state)
    print(line)
  }
  note('status', view.status, `${view.model}@${view.version} → ${view.targetEnvironment}: ${view.status}`)
  for (const g of view.gates) {
    if (g.status !== 'pending') note(`tier:${g.tier}`, g.status, `  [${g.tier}] ${g.status}`)
    for (const c of g.checks) {
      if (c.status === 'pending' || c.status === 'not_run') continue
      note(`check:${c.id}`, c.status, `    ${c.status.padEnd(14)} ${c.id}${c.summary ? ` — ${c.summary}` : ''}`)
    }
  }
  if (view.status === 'awaiting_approval') {
    const missing = view.requiredApprovals.filter((a) => !a.satisfied).map((a) => a.role).join(', ')
    note('approvals', missing, `  awaiting approval by: ${missing}${view.deadline ? ` (deadline ${view.deadline})` : ''}`)
  }
}
