// The CI examples in examples/ci call the CLI with options it really has: every `modelgate`
// command line in them is parsed by the CLI's own parser (not run), and the GitHub workflow
// treats the exit codes as documented.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { checkUsage } from '../../src/cli/main.js'

const ROOT = path.resolve(import.meta.dirname, '../..')

// Values the examples' variables take in a real run.
const SAMPLE: Record<string, string> = { TARGET: 'staging', PROMOTION_ID: '6f1c2d3e-0000-4000-8000-000000000000' }

/** Shell words of a command line, with variables replaced by a plausible value. */
function words(line: string): string[] {
  const expanded = line
    .replace(/\$\{\{[^}]+\}\}/g, 'dev')
    .replace(/\$\{([A-Z_]+)(?:::\d+)?\}/g, (_, name: string) => SAMPLE[name] ?? 'abc123')
    .replace(/\$([A-Z_]+)/g, (_, name: string) => SAMPLE[name] ?? 'abc123')
  return [...expanded.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!)
}

function modelgateCommands(script: string): string[][] {
  const joined = script.replace(/\\\n\s*/g, ' ')
  return joined
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /\bnpx modelgate\b/.test(l))
    .map((l) => words(l.slice(l.indexOf('npx modelgate') + 'npx modelgate'.length)))
}

describe('CI examples', () => {
  it('the GitHub Actions workflow calls promote with valid options and maps exit code 2 to a neutral step', async () => {
    const wf = parse(await readFile(path.join(ROOT, 'examples/ci/github-actions.yml'), 'utf8'))
    const steps = wf.jobs.promote.steps as Array<{ run?: string }>
    const commands = steps.flatMap((s) => (s.run ? modelgateCommands(s.run) : []))
    expect(commands.map((c) => c[0])).toEqual(['promote'])
    for (const c of commands) expect(await checkUsage(c), c.join(' ')).toBeNull()
    const promote = steps.find((s) => s.run?.includes('modelgate promote'))!.run!
    expect(promote).toMatch(/--wait/)
    expect(promote).toMatch(/if \[ "\$code" = 2 \]; then exit 0; fi/)
    expect(wf.jobs.promote.env).toMatchObject({ MODELGATE_URL: expect.any(String), MODELGATE_TOKEN: expect.any(String) })
  })

  it('the GitLab CI jobs call promote and verify with valid options and publish the JUnit report', async () => {
    const doc = parse(await readFile(path.join(ROOT, 'examples/ci/gitlab-ci.yml'), 'utf8'))
    const commands = Object.values(doc as Record<string, { script?: string[] }>).flatMap((job) => (job.script ?? []).flatMap((s) => modelgateCommands(s)))
    expect(commands.map((c) => c[0]).sort()).toEqual(['promote', 'verify'])
    for (const c of commands) expect(await checkUsage(c), c.join(' ')).toBeNull()
    expect(doc['promote-model'].artifacts.reports.junit).toBe('modelgate-report.xml')
  })

  it('the usage check itself refuses what the CLI refuses', async () => {
    expect(await checkUsage(['promote', '--model', 'm', '--version', '1', '--target', 'qa'])).toMatch(/qa/)
    expect(await checkUsage(['promote', '--model', 'm', '--version', '1', '--target', 'dev', '--no-such-flag'])).toMatch(/unknown option/)
    expect(await checkUsage(['frobnicate'])).not.toBeNull()
  })
})
