// The evidence files a CI job would hand to `modelgate promote`, for the README walkthroughs:
// two passing JUnit reports, a Trivy report with no findings, and a model card that names the
// model and version it describes (model_card refuses another model's or version's card).
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'

const junit = (suite: string, names: readonly string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="${suite}" tests="${names.length}" failures="0" errors="0">\n${names.map((n) => `  <testcase classname="${suite}" name="${n}"/>`).join('\n')}\n</testsuite>\n`

const card = (model: string, version: string) => `---
model_name: ${model}
version: "${version}"
license: Apache-2.0
owners: [${model}-team]
---
## Intended Use
Sample model from the modelgate repository, for trying the promotion gates.
## Limitations
Rule-based or trained on a small public corpus; not for real traffic.
## Training Data
SpamAssassin public corpus (classifier); hand-written rules and facts (chat model).
## Evaluation Results
See the modelgate promotion report.
## Ethical Considerations
Sample behaviour only; every secret it holds is fake.
`

/** Writes unit.xml, integration.xml, trivy.json and MODEL_CARD.md into `dir`; returns their paths. */
export function writeSampleEvidence(dir: string, model: string, version: string): string[] {
  const files: Record<string, string> = {
    'unit.xml': junit('unit', ['test_tokenizer', 'test_predict_shape', 'test_labels']),
    'integration.xml': junit('integration', ['test_serving_roundtrip']),
    'trivy.json': `${JSON.stringify({ SchemaVersion: 2, ArtifactName: model, Results: [{ Target: 'requirements.txt', Class: 'lang-pkgs', Vulnerabilities: [] }] }, null, 2)}\n`,
    'MODEL_CARD.md': card(model, version),
  }
  return Object.entries(files).map(([name, content]) => {
    writeFileSync(join(dir, name), content)
    return join(dir, name)
  })
}
