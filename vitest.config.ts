import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'test/cli-bundle-setup.ts'],
    // Each test file gets its own database cloned from a migrated template; two cores here,
    // so a couple of forks keep Postgres and the workers from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
