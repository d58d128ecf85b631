import { writeFile } from 'node:fs/promises'
import type { PromotionView } from '../promotion.js'
import { junitReport } from '../reports/junit.js'
import { markdownReport } from '../reports/markdown.js'

export interface ReportOptions {
  junit?: string
  markdown?: string
}

export async function writeReports(view: PromotionView, o: ReportOptions, url: string): Promise<void> {
  if (o.junit) await writeFile(o.junit, junitReport(view))
  if (o.markdown) await writeFile(o.markdown, markdownReport(view, { url }))
}
