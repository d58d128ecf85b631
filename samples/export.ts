// Prints sample material as JSON for the README walkthrough:
//   npx tsx samples/export.ts dataset > dataset.json        (spam records with sender groups, pinned to spam-filter)
//   npx tsx samples/export.ts qa-dataset > qa.json          (question-answer records for a chat model)
//   npx tsx samples/export.ts artifact > model.safetensors   (a small valid safetensors file)
//   npx tsx samples/export.ts evidence <model> <version> <dir>  (unit.xml, integration.xml, trivy.json, MODEL_CARD.md)
import { groupHoldoutDataset } from './classifier/datasets.js'
import { tinySafetensors } from './artifact.js'
import { writeSampleEvidence } from './evidence.js'
import { qaDataset } from './llm/qa-dataset.js'

const what = process.argv[2]
// 600 distinct held-out messages, each signed by a sender of every group: above the policy's
// minimums of distinct inputs overall, per label and per group, and enough for the measured
// checks' intervals to decide.
if (what === 'dataset') process.stdout.write(JSON.stringify({ name: 'spam-holdout', records: groupHoldoutDataset(600, 1), models: ['spam-filter'] }))
else if (what === 'qa-dataset') process.stdout.write(JSON.stringify({ name: 'helpdesk-facts', records: qaDataset(200), models: ['helpdesk-llm'] }))
else if (what === 'artifact') process.stdout.write(tinySafetensors())
else if (what === 'evidence' && process.argv.length === 6) console.log(writeSampleEvidence(process.argv[5]!, process.argv[3]!, process.argv[4]!).join('\n'))
else {
  console.error('usage: tsx samples/export.ts <dataset|qa-dataset|artifact> | evidence <model> <version> <dir>')
  process.exit(2)
}
