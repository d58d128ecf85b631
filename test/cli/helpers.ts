// Runs the modelgate CLI as a subprocess, exactly as a pipeline step would, against a real
// service listening on loopback.
import { spawn } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { goodEvidence } from '../helpers/evidence.js'
import { cliBundle } from './bundle.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/**
 * `node <bundle> …`: the current source bundled once for this test run (test/cli-bundle-setup.ts)
 * exactly as `npm run build:cli` bundles it; the packed and installed build is tested on its own.
 */
export function cli(args: string[], env: Record<string, string> = {}, bin: string[] = [cliBundle()]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...bin, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code: code ?? -1, stdout, stderr })
    })
  })
}

/** Evidence files as CI would have them on disk, the model card naming this model and version. */
export async function evidenceFiles(model: string, version: string, overrides: { unitTests?: string } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'modelgate-cli-'))
  const e = goodEvidence({ model, version }) as { unitTests: string; integrationTests: string; vulnerabilityReport: unknown; modelCard: string }
  const card = e.modelCard.replace(/^model_name: .*$/m, `model_name: ${model}`).replace(/^version: .*$/m, `version: ${version}`)
  const files = {
    unitTests: path.join(dir, 'unit.xml'),
    integrationTests: path.join(dir, 'integration.xml'),
    vulnerabilityReport: path.join(dir, 'trivy.json'),
    modelCard: path.join(dir, 'MODEL_CARD.md'),
  }
  await writeFile(files.unitTests, overrides.unitTests ?? e.unitTests)
  await writeFile(files.integrationTests, e.integrationTests)
  await writeFile(files.vulnerabilityReport, JSON.stringify(e.vulnerabilityReport))
  await writeFile(files.modelCard, card)
  return { dir, files, args: ['--unit-tests', files.unitTests, '--integration-tests', files.integrationTests, '--vulnerability-report', files.vulnerabilityReport, '--model-card', files.modelCard] }
}
