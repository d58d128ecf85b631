import type { Client } from '../client.js'
import { exitCodeForStatus } from '../exit-codes.js'
import type { PromotionView } from '../promotion.js'
import { markdownReport } from '../reports/markdown.js'
import { writeReports, type ReportOptions } from './reports.js'

/** modelgate status: one look at a promotion; the exit code says where it stands. */
export async function statusCommand(client: Client, id: string, o: ReportOptions & { json?: boolean }, io: { print: (s: string) => void; url: string }): Promise<number> {
  const view = (await client.get<PromotionView>(`/v1/promotions/${encodeURIComponent(id)}`)).body
  io.print(o.json ? JSON.stringify(view, null, 2) : markdownReport(view, { url: io.url }).trimEnd())
  await writeReports(view, o, io.url)
  // Still running is neither a decision nor an error: report it like a wait that has not ended.
  return ['queued', 'running'].includes(view.status) ? 2 : exitCodeForStatus(view.status)
}
