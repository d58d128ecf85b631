// Rewrites the checks table in README.md from the check catalog (`npm run readme:checks`), so
// the README cannot drift from the checks the service runs; a test checks it.
import { readFileSync, writeFileSync } from 'node:fs'
import { CATALOG } from '../src/core/check-catalog.js'
import { withChecksTable } from '../src/core/checks-table.js'

const path = new URL('../README.md', import.meta.url)
writeFileSync(path, withChecksTable(readFileSync(path, 'utf8'), CATALOG))
console.log(`README.md: ${CATALOG.checks.length} checks`)
