// Prints sample material as JSON for the README walkthrough:
//   npx tsx samples/export.ts dataset > dataset.json        (spam records with sender groups)
//   npx tsx samples/export.ts artifact > model.safetensors   (a small valid safetensors file)
import { groupHoldoutDataset } from './classifier/datasets.js'
import { tinySafetensors } from './artifact.js'

const what = process.argv[2]
if (what === 'dataset') process.stdout.write(JSON.stringify({ name: 'spam-holdout', records: groupHoldoutDataset(600, 1) }))
else if (what === 'artifact') process.stdout.write(tinySafetensors())
else {
  console.error('usage: tsx samples/export.ts <dataset|artifact>')
  process.exit(2)
}
