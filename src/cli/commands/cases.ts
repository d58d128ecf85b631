import type { Client } from '../client.js'
import { EXIT } from '../exit-codes.js'

interface CasesPage {
  total: number
  items: Array<{ position: number; category: string; input: string; output: string; verdict: string; detector: string }>
  nextCursor: string | null
}

/** modelgate cases: the failing cases a check recorded, as JSON lines or a readable list. */
export async function casesCommand(client: Client, id: string, checkId: string, o: { limit: number; category?: string; json?: boolean }, io: { print: (s: string) => void }): Promise<number> {
  let cursor: string | null = null
  let shown = 0
  do {
    const q = new URLSearchParams({ limit: String(Math.min(100, o.limit - shown)) })
    if (cursor) q.set('cursor', cursor)
    if (o.category) q.set('category', o.category)
    const page: CasesPage = (await client.get<CasesPage>(`/v1/promotions/${encodeURIComponent(id)}/checks/${encodeURIComponent(checkId)}/cases?${q}`)).body
    if (shown === 0 && !o.json) io.print(`${page.total} failing case(s) recorded for ${checkId}`)
    for (const c of page.items) {
      io.print(o.json ? JSON.stringify(c) : `#${c.position} [${c.category}] ${c.verdict} (detector: ${c.detector})\n  input:  ${c.input.slice(0, 300)}\n  output: ${c.output.slice(0, 300)}`)
      shown++
    }
    cursor = page.nextCursor
  } while (cursor && shown < o.limit)
  return EXIT.ok
}
