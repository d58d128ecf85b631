// Realistic evidence documents for tests: what CI would upload.

export function junit(opts: { passed?: number; failed?: string[]; errored?: string[]; suite?: string } = {}): string {
  const suite = opts.suite ?? 'model.tests'
  const passed = opts.passed ?? 3
  const failed = opts.failed ?? []
  const errored = opts.errored ?? []
  const cases = [
    ...Array.from({ length: passed }, (_, i) => `<testcase classname="${suite}" name="test_ok_${i}" time="0.01"/>`),
    ...failed.map((n) => `<testcase classname="${suite}" name="${n}" time="0.02"><failure message="assert 0.71 >= 0.8">AssertionError</failure></testcase>`),
    ...errored.map((n) => `<testcase classname="${suite}" name="${n}"><error message="RuntimeError: CUDA out of memory">trace</error></testcase>`),
  ]
  const total = cases.length
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="${total}" failures="${failed.length}" errors="${errored.length}">
  <testsuite name="${suite}" tests="${total}" failures="${failed.length}" errors="${errored.length}" skipped="0">
    ${cases.join('\n    ')}
  </testsuite>
</testsuites>`
}

export function trivyReport(vulns: Array<{ id: string; pkg: string; severity: string; fixed?: string }> = []): Record<string, unknown> {
  return {
    SchemaVersion: 2,
    ArtifactName: 'registry.local/fraud-detector:1.4.0',
    ArtifactType: 'container_image',
    Results: [
      {
        Target: 'requirements.txt',
        Class: 'lang-pkgs',
        Type: 'pip',
        Vulnerabilities: vulns.map((v) => ({
          VulnerabilityID: v.id,
          PkgName: v.pkg,
          InstalledVersion: '1.0.0',
          FixedVersion: v.fixed ?? '',
          Severity: v.severity,
          Title: `${v.pkg}: issue ${v.id}`,
        })),
      },
    ],
  }
}

/** The model a card or evidence set is for: a model card names its model and version. */
export interface CardSubject {
  model: string
  version: string
}

export function modelCard(overrides: { omit?: string[]; empty?: string[] } & Partial<CardSubject> = {}): string {
  const sections: Record<string, string> = {
    'Intended Use': 'Scoring card transactions for fraud review queues.',
    Limitations: 'Not calibrated for merchants outside the EU.',
    'Training Data': 'Transactions from 2024, de-identified.',
    'Evaluation Results': 'Accuracy 0.93 on the 2025 holdout.',
    'Ethical Considerations': 'False positives delay payments; reviewed monthly.',
  }
  const body = Object.entries(sections)
    .filter(([name]) => !overrides.omit?.includes(name))
    .map(([name, text]) => `## ${name}\n\n${overrides.empty?.includes(name) ? 'TBD' : text}\n`)
    .join('\n')
  return `---
model_name: ${overrides.model ?? 'fraud-detector'}
version: "${overrides.version ?? '1.4.0'}"
license: Apache-2.0
owners:
  - fraud-ml-team
---
# Fraud detector

${body}`
}

/** Evidence that passes every evidence check for the given model and version. */
export function goodEvidence(subject: CardSubject) {
  return {
    unitTests: junit({ passed: 12 }),
    integrationTests: junit({ passed: 4, suite: 'pipeline.integration' }),
    vulnerabilityReport: trivyReport([{ id: 'CVE-2024-0001', pkg: 'urllib3', severity: 'LOW' }]),
    modelCard: modelCard(subject),
  }
}
