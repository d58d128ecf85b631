/** Set by test/cli-bundle-setup.ts: the CLI bundle this test run spawns. */
export const CLI_BUNDLE_ENV = 'MODELGATE_TEST_CLI_BUNDLE'

export function cliBundle(): string {
  const file = process.env[CLI_BUNDLE_ENV]
  if (!file) throw new Error('the CLI bundle setup did not run (vitest.config.ts globalSetup)')
  return file
}
