// Rewrites the configuration table in README.md from CONFIG_VARIABLES (`npm run readme:config`),
// so the README cannot drift from what the service reads; a test checks it.
import { readFileSync, writeFileSync } from 'node:fs'
import { CONFIG_VARIABLES } from '../src/config.js'

const path = new URL('../README.md', import.meta.url)
const rows = CONFIG_VARIABLES.map((v) => `| \`${v.name}\` | \`${v.default}\` | ${v.description} |`)
const table = ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n')
const readme = readFileSync(path, 'utf8').replace(/<!-- config:start -->[\s\S]*<!-- config:end -->/, `<!-- config:start -->\n${table}\n<!-- config:end -->`)
writeFileSync(path, readme)
console.log(`README.md: ${rows.length} configuration variables`)
