import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The suites that run the CLI or the service's entry points as processes (*.e2e.ts) are
    // `npm run test:e2e` (vitest.e2e.config.ts), the schema fuzz `npm run test:fuzz`; CI runs
    // all three.
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Each test file gets its own database cloned from a migrated template; two cores here,
    // so a couple of forks keep Postgres and the workers from starving each other.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
