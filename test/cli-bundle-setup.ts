// Bundles the CLI once per test run, as `npm run build:cli` does, into a file of its own: the
// CLI tests spawn it with plain `node`, still a subprocess of the current source, without tsx
// transpiling the whole CLI again on every spawn (seconds each on a busy machine).
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { bundleCli } from '../scripts/cli-bundle.js'
import { CLI_BUNDLE_ENV } from './cli/bundle.js'

export default async function setup(): Promise<() => Promise<void>> {
  const outfile = path.join(tmpdir(), `modelgate-cli-test-${process.pid}-${Date.now()}.mjs`)
  await bundleCli(outfile)
  process.env[CLI_BUNDLE_ENV] = outfile
  return async () => {
    await rm(outfile, { force: true })
  }
}
