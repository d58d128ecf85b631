import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES } from '../../src/config.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
const ci = readFileSync(new URL('../../.ci/run', import.meta.url), 'utf8')

describe('README', () => {
  it('documents every configuration variable with its default', () => {
    for (const v of CONFIG_VARIABLES) expect(readme).toContain(`| \`${v.name}\` | \`${v.default}\` |`)
  })

  it('names scripts that exist, and CI runs the test command it gives', () => {
    for (const [, script] of readme.matchAll(/npm run ([a-z0-9:]+)/g)) expect(pkg.scripts[script!], script).toBeDefined()
    expect(readme).toContain('npm test')
    expect(ci).toMatch(/^npm test$/m)
    // The suites outside `npm test` (test:e2e, test:fuzz) still run in CI, and the README names them.
    const extra = Object.keys(pkg.scripts).filter((s) => s.startsWith('test:'))
    expect(extra).toEqual(expect.arrayContaining(['test:e2e', 'test:fuzz']))
    for (const script of extra) {
      expect(ci, script).toMatch(new RegExp(`^npm run ${script}$`, 'm'))
      expect(readme, script).toContain(`npm run ${script}`)
    }
  })
})
