// `npm run bench [-- section...]`: prints figures and ratios against baselines measured in
// the same run. Sections: api.
import { benchApi } from './api.js'
import { benchEvaluation } from './evaluation.js'
import { benchScanner } from './scanner.js'

const sections: Record<string, () => Promise<void>> = { api: benchApi, evaluation: benchEvaluation, scanner: benchScanner }
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'))
for (const name of wanted.length > 0 ? wanted : Object.keys(sections)) {
  const run = sections[name]
  if (!run) {
    console.error(`unknown section "${name}"; sections: ${Object.keys(sections).join(', ')}`)
    process.exit(2)
  }
  console.log(`\n=== ${name} ===`)
  await run()
}
process.exit(0)
